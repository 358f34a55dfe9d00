#!/usr/bin/env node
/*
 * How fast GET /stats answers with a large mail log: seeds the message table with bulk SQL inserts
 * (spread over the last 60 days: 90% sent, 5% failed of which half bounced, 4.5% cancelled, 0.5% queued),
 * then times the stats report (grouped queries, oldest queued, mailboxes) for 48 hour buckets and 30
 * day buckets, unfiltered and filtered. Results: bench/results/stats-query.json and .md.
 * Usage: node bench/stats-query.js [--messages 1000000 --rounds 10 --databases sqlite,postgres,mysql]
 */
'use strict';

require('./ts-require');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { randomBytes } = require('crypto');
const { createStrapi } = require('@strapi/strapi');
const { postgres, mariadb } = require('../tests/helpers/databases.ts');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const MESSAGES = Number(arg('messages', 1_000_000));
const ROUNDS = Number(arg('rounds', 10));
const DATABASES = arg('databases', 'sqlite').split(',');
const PLAYGROUND = path.resolve(__dirname, '..', 'playground');
const RESULTS = path.join(__dirname, 'results');
const MESSAGE_UID = 'plugin::email-notifications.message';
const DAY = 86_400_000;
const SPAN_DAYS = 60;
const MAILBOXES = ['Support', 'Billing', 'Sales', 'Ops'];
const TASK_GROUPS = ['billing', 'support', null];

const QUERIES = [
  { name: '48 hour buckets', query: { bucket: 'hour' } },
  { name: '30 day buckets', query: { bucket: 'day' } },
  { name: '48 hour buckets, one mailbox', query: { bucket: 'hour', mailbox: 'Billing' } },
  { name: '30 day buckets, one task group', query: { bucket: 'day', taskGroup: 'billing' } },
];

function bootEnv(extra) {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    APP_KEYS: 'benchA,benchB',
    API_TOKEN_SALT: 'bench',
    ADMIN_JWT_SECRET: 'bench',
    TRANSFER_TOKEN_SALT: 'bench',
    JWT_SECRET: 'bench',
    ENCRYPTION_KEY: 'bench-encryption-key-0123456789abcdef',
    STRAPI_TELEMETRY_DISABLED: 'true',
    PLAYGROUND_SEED: 'false',
    // The rows are data only: no worker may pick the queued ones up while the queries are timed.
    PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { workerEnabled: false }, rules: { enabled: false, schedulerEnabled: false } }),
    ...extra,
  };
}

/** One seeded row: message i of n, created (i/n) of the span before `now`. */
function row(col, i, now) {
  const created = new Date(now - Math.floor(((MESSAGES - i) / MESSAGES) * SPAN_DAYS * DAY));
  const kind = i % 200;
  const status = kind < 180 ? 'sent' : kind < 190 ? 'failed' : kind < 199 ? 'cancelled' : 'queued';
  return {
    [col('documentId')]: randomBytes(12).toString('hex'),
    [col('status')]: status,
    [col('to')]: '[{"address":"customer@example.com"}]',
    [col('recipientsText')]: `customer${i}@example.com`,
    [col('subject')]: `RMA-${i}: stage changed`,
    [col('mailboxId')]: `mbx-${i % MAILBOXES.length}`,
    [col('mailboxName')]: MAILBOXES[i % MAILBOXES.length],
    [col('taskGroup')]: TASK_GROUPS[i % TASK_GROUPS.length],
    [col('attempts')]: 1,
    [col('retryableFailures')]: 0,
    [col('originType')]: 'rule',
    [col('sizeBytes')]: 2000,
    [col('secretsMasked')]: false,
    [col('lastErrorCode')]: status === 'failed' ? (kind % 2 ? 'EENVELOPE' : 'EMESSAGE') : null,
    [col('createdAt')]: created,
    [col('updatedAt')]: created,
    [col('nextAttemptAt')]: status === 'queued' ? new Date(now + 365 * DAY) : created,
    [col('sentAt')]: status === 'sent' ? new Date(created.getTime() + 2000) : null,
    [col('failedAt')]: status === 'failed' ? new Date(created.getTime() + 60_000) : null,
    [col('cancelledAt')]: status === 'cancelled' ? created : null,
  };
}

async function seed(strapi) {
  const meta = strapi.db.metadata.get(MESSAGE_UID);
  const col = (attribute) => meta.attributes[attribute]?.columnName ?? attribute;
  const knex = strapi.db.connection;
  // knex writes a multi-row insert on SQLite as one compound SELECT, which SQLite caps at 500 terms.
  const BATCH = strapi.db.dialect.client === 'sqlite' ? 500 : 1000;
  const now = Date.now();
  const started = Date.now();
  for (let start = 0; start < MESSAGES; start += BATCH * 20) {
    await knex.transaction(async (trx) => {
      for (let batch = start; batch < Math.min(MESSAGES, start + BATCH * 20); batch += BATCH) {
        const rows = [];
        for (let i = batch; i < Math.min(MESSAGES, batch + BATCH); i += 1) rows.push(row(col, i, now));
        await trx(meta.tableName).insert(rows);
      }
    });
    process.stdout.write(`\r  seeded ${Math.min(MESSAGES, start + BATCH * 20)} / ${MESSAGES}`);
  }
  if (strapi.db.dialect.client === 'sqlite') await knex.raw('ANALYZE');
  if (strapi.db.dialect.client === 'postgres') await knex.raw(`ANALYZE ${meta.tableName}`);
  if (strapi.db.dialect.client === 'mysql') await knex.raw(`ANALYZE TABLE ${meta.tableName}`);
  process.stdout.write('\n');
  return (Date.now() - started) / 1000;
}

async function time(stats, query) {
  await stats(query); // warm-up: caches and the query plan
  const runs = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = process.hrtime.bigint();
    await stats(query);
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  runs.sort((a, b) => a - b);
  return { medianMs: runs[Math.floor(runs.length / 2)], minMs: runs[0], maxMs: runs.at(-1) };
}

async function runOn(database, env) {
  console.log(`> ${database}: seeding ${MESSAGES} messages`);
  Object.assign(process.env, bootEnv(env));
  const strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  try {
    const seedSeconds = await seed(strapi);
    const stats = (query) => strapi.plugin('email-notifications').service('messages').stats(query);
    const results = [];
    for (const { name, query } of QUERIES) {
      const answer = await stats(query);
      const timing = await time(stats, query);
      results.push({ name, query, buckets: answer.buckets.length, counted: Object.values(answer.totals).reduce((a, b) => a + b, 0), ...timing });
      console.log(`  ${name}: median ${timing.medianMs.toFixed(1)} ms (${answer.buckets.length} buckets, ${results.at(-1).counted} messages counted)`);
    }
    return { database, seedSeconds, results };
  } finally {
    await strapi.destroy();
  }
}

async function openServer(database) {
  const availability = await (database === 'postgres' ? postgres() : mariadb());
  if (!availability.ok) throw new Error(availability.reason);
  return availability.create();
}

function markdown(result) {
  const lines = [
    `# Stats query (${result.date})`,
    '',
    `${MESSAGES.toLocaleString('en')} messages over ${SPAN_DAYS} days in the message table; median (min–max) of ${ROUNDS} calls of the stats report after a warm-up; ${result.machine.cpus} CPUs (${result.machine.cpuModel}), ${result.machine.memoryGb} GB, Node ${result.machine.node}.`,
    result.machine.note,
    '',
    '| Database | Query | buckets | messages counted | median ms | min–max ms |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const run of result.runs) {
    for (const r of run.results) lines.push(`| ${run.database} | ${r.name} | ${r.buckets} | ${r.counted.toLocaleString('en')} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)}–${r.maxMs.toFixed(1)} |`);
  }
  lines.push('', `Seeding (bulk inserts of 500 rows on SQLite, 1000 elsewhere): ${result.runs.map((r) => `${r.database} ${r.seedSeconds.toFixed(0)} s`).join(', ')}.`, '');
  return lines.join('\n');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-bench-stats-'));
  const runs = [];
  try {
    for (const database of DATABASES) {
      if (database === 'sqlite') {
        runs.push(await runOn('sqlite', { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'stats.db') }));
        continue;
      }
      const db = await openServer(database);
      try {
        runs.push(await runOn(database === 'mysql' ? 'mariadb' : database, db.env));
      } finally {
        await db.drop();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1073741824),
      node: process.version,
      loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
      note: process.env.BENCH_NOTE ?? '',
    },
    messages: MESSAGES,
    rounds: ROUNDS,
    runs,
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'stats-query.json'), JSON.stringify(result, null, 2) + '\n');
  const md = markdown(result);
  fs.writeFileSync(path.join(RESULTS, 'stats-query.md'), md);
  console.log(`\n${md}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(String(error.stack ?? error).slice(0, 2000));
    process.exit(1);
  },
);
