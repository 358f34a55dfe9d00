/*
 * The only code that reads and writes template rows and their versions. Every update first copies
 * the current state into a version row (so any save can be compared and undone); the DTO sent to the
 * admin is built here.
 */
import type { Core } from '@strapi/strapi';
import { NotFoundError } from '../core/errors';
import type { TemplateFields } from '../core/templates/template-input';
import { TEMPLATE_UID, TEMPLATE_VERSION_UID } from '../content-types/uids';


export interface TemplateRow {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  category: TemplateFields['category'];
  contentType: string | null;
  subject: string | null;
  mjml: string;
  text: string | null;
  locale: string;
  layout: string | null;
  brandName: string | null;
  logoUrl: string | null;
  footer: string | null;
  builtIn: string | null;
  version: number;
  editedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields of a row, as a snapshot (what versions keep and exports write). */
export const SNAPSHOT_FIELDS = ['name', 'description', 'category', 'contentType', 'subject', 'mjml', 'text', 'locale', 'layout', 'brandName', 'logoUrl', 'footer'] as const;
export type TemplateSnapshot = Pick<TemplateRow, (typeof SNAPSHOT_FIELDS)[number]>;

export interface TemplateVersionRow {
  version: number;
  savedBy: string | null;
  createdAt: string;
  snapshot: TemplateSnapshot;
}

export function snapshotOf(row: TemplateSnapshot): TemplateSnapshot {
  return Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, row[f] ?? null])) as TemplateSnapshot;
}

export function toTemplateDto(row: TemplateRow) {
  return {
    id: row.documentId,
    ...snapshotOf(row),
    builtIn: row.builtIn,
    version: row.version,
    editedBy: row.editedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function templateStore(strapi: Core.Strapi) {
  const templates = () => strapi.db.query(TEMPLATE_UID);
  const versions = () => strapi.db.query(TEMPLATE_VERSION_UID);

  return {
    async list(): Promise<TemplateRow[]> {
      return (await templates().findMany({ orderBy: [{ category: 'asc' }, { name: 'asc' }, { locale: 'asc' }] })) as TemplateRow[];
    },
    async get(documentId: string): Promise<TemplateRow> {
      const row = (await templates().findOne({ where: { documentId } })) as TemplateRow | null;
      if (!row) throw new NotFoundError('Template', documentId);
      return row;
    },
    async byName(name: string): Promise<TemplateRow[]> {
      return (await templates().findMany({ where: { name } })) as TemplateRow[];
    },
    async byNameAndLocale(name: string, locale: string): Promise<TemplateRow | null> {
      return (await templates().findOne({ where: { name, locale } })) as TemplateRow | null;
    },
    async byBuiltIn(key: string): Promise<TemplateRow | null> {
      return (await templates().findOne({ where: { builtIn: key } })) as TemplateRow | null;
    },
    async usingLayout(name: string): Promise<TemplateRow[]> {
      return (await templates().findMany({ where: { layout: name }, select: ['documentId', 'name'] })) as TemplateRow[];
    },
    async create(fields: TemplateSnapshot, extra: { builtIn?: string | null; editedBy?: string | null } = {}): Promise<TemplateRow> {
      return (await templates().create({ data: { ...fields, builtIn: extra.builtIn ?? null, editedBy: extra.editedBy ?? null, version: 1 } })) as TemplateRow;
    },
    /** Saves new fields; the state before the save becomes version `row.version`. One transaction. */
    async update(row: TemplateRow, fields: TemplateSnapshot, editedBy: string | null): Promise<TemplateRow> {
      return strapi.db.transaction(async () => {
        await versions().create({ data: { template: row.documentId, version: row.version, snapshot: snapshotOf(row), savedBy: row.editedBy } });
        return (await templates().update({ where: { id: row.id }, data: { ...fields, version: row.version + 1, editedBy } })) as TemplateRow;
      });
    },
    async remove(row: TemplateRow): Promise<void> {
      await strapi.db.transaction(async () => {
        await versions().deleteMany({ where: { template: row.documentId } });
        await templates().delete({ where: { id: row.id } });
      });
    },
    async versions(documentId: string): Promise<TemplateVersionRow[]> {
      return (await versions().findMany({ where: { template: documentId }, orderBy: [{ version: 'desc' }] })) as TemplateVersionRow[];
    },
    async version(documentId: string, version: number): Promise<TemplateSnapshot> {
      const row = (await versions().findOne({ where: { template: documentId, version } })) as { snapshot: TemplateSnapshot } | null;
      if (!row) throw new NotFoundError(`Version ${version} of template`, documentId);
      return row.snapshot;
    },
  };
}

export type TemplateStore = ReturnType<typeof templateStore>;
