#!/usr/bin/env node
/*
 * The query plans of the outbox's hot statements on a large table, as the database runs them: the
 * claim, reading the claimed rows, a batched result write, and the sent counts behind the sending
 * limits. The statements are the ones the message repository and queries really send (captured from
 * knex), explained on a table holding `--finished` sent and `--queued` due messages. Also lists the
 * message table's indexes, to show the content type's declared indexes exist on this database.
 * Results: bench/results/outbox-query-plans-<database>.json and .md.
 * Usage: node bench/outbox-query-plans.js [--database sqlite|postgres|mysql] [--finished 200000 --queued 5000]
 */
'use strict';

require('./ts-require');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createStrapi } = require('@strapi/strapi');
const support = require('./bench-support');
const { createMessageRepository } = require('../server/src/outbox/message-repository.ts');
const { createMessageQueries } = require('../server/src/outbox/message-queries.ts');

const opts = support.readArgs({ database: 'sqlite', finished: 200000, queued: 5000 });
const RESULTS = path.join(__dirname, 'results');

/** Runs `fn` and returns the statements it sent to the message table. */
async function capture(knex, fn) {
  const statements = [];
  const listener = (q) => q.sql.includes(support.TABLE) && statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.off('query', listener);
  }
  return statements;
}

/** EXPLAIN through the driver itself (the captured SQL has the driver's placeholders); PostgreSQL's ANALYZE runs in a rolled-back transaction. */
async function explain(knex, client, { sql, bindings }) {
  const conn = await knex.client.acquireConnection();
  try {
    if (client === 'sqlite') return conn.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bindings.map((b) => (b instanceof Date ? b.getTime() : typeof b === 'boolean' ? Number(b) : b))).map((r) => r.detail);
    if (client === 'postgres') {
      await conn.query('BEGIN');
      try {
        return (await conn.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, bindings)).rows.map((r) => r['QUERY PLAN']);
      } finally {
        await conn.query('ROLLBACK');
      }
    }
    const [rows] = await conn.promise().query(`EXPLAIN ${sql}`, bindings);
    return rows.map((r) => `${r.table}: type=${r.type} key=${r.key} rows=${r.rows} ${r.Extra ?? ''}`);
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

async function indexes(knex, client) {
  if (client === 'sqlite') return (await knex.raw(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`, [support.TABLE])).map((r) => r.sql ?? r.name);
  if (client === 'postgres') return (await knex.raw('SELECT indexdef FROM pg_indexes WHERE tablename = ?', [support.TABLE])).rows.map((r) => r.indexdef);
  const [rows] = await knex.raw(`SHOW INDEX FROM ??`, [support.TABLE]);
  const byName = new Map();
  for (const r of rows) byName.set(r.Key_name, [...(byName.get(r.Key_name) ?? []), r.Column_name]);
  return [...byName].map(([name, columns]) => `${name} (${columns.join(', ')})`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-plans-'));
  const database = await support.createDatabase(opts.database, dir);
  const sinkStub = { port: 2525 };
  Object.assign(process.env, support.playgroundEnv(database, sinkStub, { PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { workerEnabled: false } }) }));
  const strapi = createStrapi({ appDir: support.PLAYGROUND, distDir: support.PLAYGROUND, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  try {
    const knex = strapi.db.connection;
    await support.seedFinished(knex, opts.finished);
    const notifications = strapi.plugin('email-notifications').service('notifications');
    for (let offset = 0; offset < opts.queued; offset += 1000) {
      await notifications.sendMany(Array.from({ length: Math.min(1000, opts.queued - offset) }, (_, i) => ({ to: `c${offset + i}@example.com`, subject: `PLAN-${offset + i}`, text: 'x', delaySeconds: 0 })));
    }
    if (opts.database === 'postgres') await knex.raw(`ANALYZE ??`, [support.TABLE]);
    if (opts.database === 'mysql') await knex.raw(`ANALYZE TABLE ??`, [support.TABLE]);
    const repository = createMessageRepository(strapi);
    const queries = createMessageQueries(strapi);
    let claimed = [];
    const claim = await capture(knex, async () => (claimed = await repository.claimDue('plan', 10, new Date(), 60_000)));
    const now = new Date();
    const writes = claimed.map((row, i) => ({ row, transition: 'markSent', patch: { status: 'sent', sentAt: new Date(now.getTime() + i), leaseOwner: null, leaseExpiresAt: null, attempts: 1, serverResponse: `250 queued as ${i}`, attemptLog: [{ at: now.toISOString(), outcome: 'sent', n: i }] } }));
    const result = await capture(knex, () => repository.recordAttempts(writes, now));
    const counts = await capture(knex, () => queries.sentCountsByMailbox(new Date(now.getTime() - 86_400_000), new Date(now.getTime() - 60_000)));
    const named = [
      ...claim.filter((s) => !/^(begin|commit)/i.test(s.sql)).map((s, i, all) => ({ name: i === all.length - 1 ? 'read the claimed rows' : 'claim', ...s })),
      ...result.filter((s) => /^update/i.test(s.sql)).map((s) => ({ name: 'batched result write', ...s })),
      ...counts.map((s) => ({ name: 'sent counts per mailbox (only with limits)', ...s })),
    ];
    const plans = [];
    for (const statement of named) plans.push({ name: statement.name, sql: statement.sql.slice(0, 400), plan: await explain(knex, opts.database, statement) });
    const report = { date: new Date().toISOString(), database: opts.database, finished: opts.finished, queued: opts.queued, indexes: await indexes(knex, opts.database), plans };
    fs.mkdirSync(RESULTS, { recursive: true });
    const base = path.join(RESULTS, `outbox-query-plans-${opts.database}`);
    fs.writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
    const md = [
      `# Outbox query plans on ${opts.database} (${report.date})`,
      '',
      `${opts.finished} sent and ${opts.queued} queued messages in the table.`,
      '',
      'Indexes of the message table:',
      '',
      ...report.indexes.map((i) => `- \`${i}\``),
      '',
      ...plans.flatMap((p) => [`## ${p.name}`, '', '```sql', p.sql, '```', '', '```', ...p.plan, '```', '']),
    ].join('\n');
    fs.writeFileSync(`${base}.md`, md);
    console.log(md);
  } finally {
    await strapi.destroy();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
