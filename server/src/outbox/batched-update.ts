/*
 * One guarded UPDATE for many message rows with different values: each column that differs between
 * the rows is a CASE on the id, the rest plain values, and every row is matched on its id and lease
 * owner. Only builds and runs the statement it is given; the message repository decides what to write.
 */
/** What the statement needs of the message table (the repository passes its own; this file gets no query handle). */
export interface UpdateTarget {
  name(): string;
  col(attribute: string): string;
  placeholder(column: string): string;
  statusIn(qb: any, statuses: readonly string[]): any;
}

export interface RowUpdate {
  id: number;
  leaseOwner: string | null;
  columns: Record<string, unknown>;
}

const same = (a: unknown, b: unknown) => a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());

/**
 * Updates `rows` (all with the same columns) where each still has its lease owner and a status in
 * `fromStatuses`; returns how many rows were changed. A row whose lease moved on is left alone.
 */
export async function updateLeasedRows(trx: any, table: UpdateTarget, rows: RowUpdate[], fromStatuses: readonly string[]): Promise<number> {
  if (!rows.length) return 0;
  const id = 'id';
  const set: Record<string, unknown> = {};
  for (const column of Object.keys(rows[0]!.columns)) {
    const first = rows[0]!.columns[column];
    if (rows.every((row) => same(row.columns[column], first))) {
      set[column] = first;
      continue;
    }
    const value = table.placeholder(column);
    const branches = rows.map(() => `WHEN ? THEN ${value}`).join(' ');
    set[column] = trx.raw(`CASE ?? ${branches} END`, [id, ...rows.flatMap((row) => [row.id, row.columns[column]])]);
  }
  const owned = rows.filter((row) => row.leaseOwner !== null);
  const matched = trx(table.name())
    .whereIn(id, owned.map((row) => row.id))
    .whereIn([id, table.col('leaseOwner')], owned.map((row) => [row.id, row.leaseOwner]));
  const count = await table.statusIn(matched, fromStatuses).update(set);
  return Number(count) || 0;
}
