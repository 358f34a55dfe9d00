/*
 * The one place where the stats' bucket arithmetic differs per database: the index of the UTC bucket
 * a timestamp column falls in, counted from the window's start, as SQL for knex.raw. Builds SQL only;
 * the message queries run it.
 */

export type SqlClient = 'sqlite' | 'postgres' | 'mysql';

export interface RawSql {
  sql: string;
  bindings: (string | number | Date)[];
}

/**
 * Strapi stores datetimes as epoch milliseconds in SQLite and as `timestamp`/`datetime` without a
 * time zone in PostgreSQL and MariaDB, written by the driver from a JS Date. The window's start is
 * bound the same way, so the difference is exact whatever zone the driver writes in: buckets are
 * whole UTC hours or days because the window's start is one (see core/outbox/stats-query).
 */
export function bucketIndexSql(client: SqlClient, column: string, from: Date, bucketMs: number): RawSql {
  switch (client) {
    case 'sqlite':
      return { sql: 'CAST((?? - ?) / ? AS INTEGER)', bindings: [column, from.getTime(), bucketMs] };
    case 'postgres':
      return { sql: 'CAST(FLOOR(EXTRACT(EPOCH FROM (?? - CAST(? AS timestamp))) / ?) AS INTEGER)', bindings: [column, from, bucketMs / 1000] };
    case 'mysql':
      return { sql: 'FLOOR(TIMESTAMPDIFF(SECOND, ?, ??) / ?)', bindings: [from, column, bucketMs / 1000] };
  }
}

export function sqlClientOf(client: string): SqlClient {
  if (client === 'sqlite' || client === 'postgres' || client === 'mysql') return client;
  throw new Error(`[email-notifications] the stats have no bucket SQL for the database client "${client}"`);
}
