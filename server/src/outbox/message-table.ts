/*
 * The message table as knex sees it, for the outbox's hot paths: the table and column names from
 * Strapi's metadata, and a patch turned into column values. Internal to outbox/: only the message
 * repository (writes) and the message queries (reads) use it; nothing outside gets a query handle.
 */
import type { Core } from '@strapi/strapi';
import { MESSAGE_UID } from '../content-types/uids';
import { MESSAGE_DATE_FIELDS, MESSAGE_JSON_FIELDS, type MessagePatch } from './message-row';

interface TableMeta {
  tableName: string;
  attributes: Record<string, { columnName?: string; type?: string }>;
}

/** PostgreSQL types of the attribute types the message table uses, for parameters whose type it cannot infer. */
const PG_TYPES: Record<string, string> = { json: 'jsonb', datetime: 'timestamp', integer: 'integer', boolean: 'boolean' };

const JSON_FIELDS = new Set<string>(MESSAGE_JSON_FIELDS);
const DATE_FIELDS = new Set<string>(MESSAGE_DATE_FIELDS);

export function messageTable(strapi: Core.Strapi) {
  const meta = () => strapi.db.metadata.get(MESSAGE_UID) as unknown as TableMeta;
  const col = (attribute: string) => meta().attributes[attribute]?.columnName ?? attribute;

  return {
    /** Strapi's query engine for the message type (converts JSON and dates per database). */
    query: () => strapi.db.query(MESSAGE_UID),
    knex: () => strapi.db.connection,
    name: () => meta().tableName,
    col,
    isSqlite: () => (strapi.db.dialect.client as string) === 'sqlite',
    /** Strapi's name of the database client: sqlite, postgres or mysql. */
    client: () => strapi.db.dialect.client as string,
    isPostgres: () => (strapi.db.dialect.client as string) === 'postgres',
    /**
     * `status IN (…)` as a guard on rows already found by id. On SQLite the column is written `+status`,
     * which keeps its planner from driving the statement from a status index (scanning every queued
     * row) instead of looking the ids up.
     */
    statusIn(qb: any, statuses: readonly string[]): any {
      if (!this.isSqlite()) return qb.whereIn(col('status'), statuses);
      return qb.whereRaw(`+?? in (${statuses.map(() => '?').join(', ')})`, [col('status'), ...statuses]);
    },
    /** A parameter placeholder for a column, cast on PostgreSQL (where a CASE branch's parameter is otherwise text). */
    placeholder(column: string): string {
      if (!this.isPostgres()) return '?';
      const attribute = Object.values(meta().attributes).find((a) => (a.columnName ?? '') === column);
      return `CAST(? AS ${PG_TYPES[attribute?.type ?? ''] ?? 'text'})`;
    },
    /** Column values for a knex insert: as for an update, with both timestamps (Strapi's query engine would set them). */
    toInsertColumns(patch: MessagePatch & { documentId: string }, now: Date): Record<string, unknown> {
      const { documentId, ...rest } = patch;
      return { [col('documentId')]: documentId, [col('createdAt')]: now, ...this.toColumns(rest, now) };
    },
    /** Column values for a knex update: JSON serialised, ISO strings made dates, updatedAt set. */
    toColumns(patch: MessagePatch, now: Date): Record<string, unknown> {
      const out: Record<string, unknown> = { [col('updatedAt')]: now };
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        if (JSON_FIELDS.has(key) && value !== null) out[col(key)] = JSON.stringify(value);
        else if (DATE_FIELDS.has(key) && typeof value === 'string') out[col(key)] = new Date(value);
        else out[col(key)] = value;
      }
      return out;
    },
  };
}

export type MessageTable = ReturnType<typeof messageTable>;
