/*
 * An events table as knex sees it, for the guarded writes of the action-run repository and the
 * frequency windows: table and column names from Strapi's metadata, a patch turned into column values.
 * Internal to events/: reads go through Strapi's query engine, which converts JSON and dates per database.
 */
import type { Core } from '@strapi/strapi';

interface TableMeta {
  tableName: string;
  attributes: Record<string, { columnName?: string; type?: string }>;
}

export function eventTable(strapi: Core.Strapi, uid: string) {
  const meta = () => strapi.db.metadata.get(uid as never) as unknown as TableMeta;
  const col = (attribute: string) => meta().attributes[attribute]?.columnName ?? attribute;

  return {
    query: () => strapi.db.query(uid as never),
    knex: () => strapi.db.connection,
    name: () => meta().tableName,
    col,
    isSqlite: () => (strapi.db.dialect.client as string) === 'sqlite',
    /** Column values for a knex write: JSON serialised, updatedAt set. */
    toColumns(patch: Record<string, unknown>, now: Date): Record<string, unknown> {
      const attributes = meta().attributes;
      const out: Record<string, unknown> = { [col('updatedAt')]: now };
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        out[col(key)] = attributes[key]?.type === 'json' && value !== null ? JSON.stringify(value) : value;
      }
      return out;
    },
  };
}

export type EventTable = ReturnType<typeof eventTable>;
