/*
 * What the outbox benchmarks share: the SMTP sink in its own process, a throw-away database on SQLite,
 * PostgreSQL or MySQL/MariaDB (created and dropped like tests/helpers/databases.ts), the playground's
 * environment, finished rows seeded by bulk SQL, counting queries, and medians.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { fork } = require('child_process');
const { randomBytes } = require('crypto');

const PLAYGROUND = path.resolve(__dirname, '..', 'playground');
const TABLE = 'email_notifications_messages';

function readArgs(defaults) {
  const args = process.argv.slice(2);
  const out = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const i = args.indexOf(`--${key}`);
    if (i >= 0) out[key] = typeof defaults[key] === 'number' ? Number(args[i + 1]) : args[i + 1];
  }
  return out;
}

/**
 * The sink in a process of its own; `delayMs` makes it answer each message after that long (a slow
 * relay), `rejectRecipient` (a regular expression's source) refuses matching recipients with 550.
 */
function startSinkProcess(delayMs = 0, rejectRecipient = '') {
  const child = fork(path.join(__dirname, 'sink-process.js'), [String(delayMs), ...(rejectRecipient ? [rejectRecipient] : [])]);
  const ask = (type) =>
    new Promise((resolve) => {
      const onMessage = (message) => {
        if (message.type === type || (type === 'clear' && message.type === 'cleared')) {
          child.off('message', onMessage);
          resolve(message);
        }
      };
      child.on('message', onMessage);
      child.send({ type });
    });
  return new Promise((resolve) => {
    child.once('message', (message) => {
      resolve({
        port: message.port,
        count: async () => (await ask('count')).count,
        /** How many distinct subjects arrived more than once (a message delivered twice). */
        duplicates: async () => (await ask('duplicates')).duplicates,
        clear: () => ask('clear'),
        close: async () => child.disconnect(),
      });
    });
  });
}

/** Waits until the sink holds `expected` messages (asking the sink, not the database: the wait costs the database nothing). */
async function waitForSink(sink, expected, onTick, timeoutMs = 3_600_000) {
  const started = Date.now();
  for (;;) {
    const count = await sink.count();
    if (onTick) onTick();
    if (count >= expected) return count;
    if (Date.now() - started > timeoutMs) throw new Error(`the sink received ${count} of ${expected} messages in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pgConfig = (database = 'postgres') => ({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', password: process.env.PGPASSWORD ?? '', database });
const myConfig = () => ({ host: process.env.MYSQL_HOST ?? '127.0.0.1', port: Number(process.env.MYSQL_PORT ?? 3306), user: process.env.MYSQL_USER ?? 'root', password: process.env.MYSQL_PASSWORD ?? '' });

/** A fresh database for one Strapi boot: a file in `dir` for SQLite, a new database on the server otherwise. */
async function createDatabase(client, dir) {
  const name = `en_bench_${randomBytes(4).toString('hex')}`;
  if (client === 'sqlite') {
    const file = path.join(dir, `${name}.db`);
    return { client, env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file }, drop: async () => ['', '-wal', '-shm'].forEach((s) => fs.rmSync(file + s, { force: true })) };
  }
  if (client === 'postgres') {
    const { Client } = require('pg');
    const run = async (sql) => {
      const admin = new Client(pgConfig());
      await admin.connect();
      await admin.query(sql);
      await admin.end();
    };
    await run(`CREATE DATABASE ${name}`);
    const c = pgConfig(name);
    return {
      client,
      env: { DATABASE_CLIENT: 'postgres', DATABASE_NAME: name, DATABASE_HOST: c.host, DATABASE_PORT: String(c.port), DATABASE_USERNAME: c.user, DATABASE_PASSWORD: c.password },
      drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  if (client === 'mysql') {
    const mysql = require('mysql2/promise');
    const run = async (sql) => {
      const admin = await mysql.createConnection(myConfig());
      await admin.query(sql);
      await admin.end();
    };
    await run(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const c = myConfig();
    return {
      client,
      env: { DATABASE_CLIENT: 'mysql', DATABASE_NAME: name, DATABASE_HOST: c.host, DATABASE_PORT: String(c.port), DATABASE_USERNAME: c.user, DATABASE_PASSWORD: c.password },
      drop: () => run(`DROP DATABASE IF EXISTS ${name}`),
    };
  }
  throw new Error(`--database must be sqlite, postgres or mysql, not "${client}"`);
}

function playgroundEnv(database, sink, extra = {}) {
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
    STRAPI_STARTUP_MESSAGE: 'false',
    EMAIL_NOTIFICATIONS_SMTP_URL: `smtp://127.0.0.1:${sink.port}?security=none&from=helpdesk@example.com`,
    ...database.env,
    ...extra,
  };
}

/**
 * `count` finished (sent) messages of two days ago, written by bulk SQL: 1,000 rows, then the table
 * copied into itself until it holds enough. The same statements run on all three databases.
 */
async function seedFinished(knex, count) {
  if (count <= 0) return;
  const at = new Date(Date.now() - 2 * 86_400_000);
  const row = (i) => ({
    document_id: `seed${String(i).padStart(20, '0')}`,
    status: 'sent',
    to: JSON.stringify([{ address: `old${i}@example.com` }]),
    recipients_text: `old${i}@example.com`,
    subject: `RMA-${i}: stage changed to shipped`,
    html: `<p>Hello,</p><p>the stage of <b>RMA-${i}</b> changed from <i>authorized</i> to <i>shipped</i>.</p>`,
    text: `Hello,\n\nthe stage of RMA-${i} changed from authorized to shipped.`,
    attempts: 1,
    retryable_failures: 0,
    attempt_log: JSON.stringify([{ at: at.toISOString(), mailboxId: 'seed', mailboxName: 'Default', outcome: 'sent', code: 250 }]),
    origin_type: 'api',
    size_bytes: 200,
    secrets_masked: false,
    mailbox_id: 'seed',
    message_id: `<seed${i}@example.com>`,
    server_response: '250 Message queued',
    next_attempt_at: at,
    sent_at: at,
    created_at: at,
    updated_at: at,
  });
  const first = Math.min(1000, count);
  await knex.batchInsert(TABLE, Array.from({ length: first }, (_, i) => row(i)), 100);
  const columns = Object.keys(row(0));
  let have = first;
  while (have < count) {
    const take = Math.min(have, count - have);
    const list = columns.map((c) => knex.raw('??', [c]).toString()).join(', ');
    await knex.raw(`INSERT INTO ?? (${list}) SELECT ${list} FROM ?? WHERE ?? = 'sent' LIMIT ?`, [TABLE, TABLE, 'status', take]);
    have += take;
  }
}

function kindOf(sql) {
  if (/^(begin|commit|rollback|start transaction|savepoint|release savepoint|set transaction)/.test(sql)) return 'transaction';
  if (!sql.includes(TABLE)) return 'other table';
  if (sql.startsWith('insert')) return 'insert';
  if (sql.includes('for update') || (sql.startsWith('update') && sql.includes('in (select'))) return 'claim';
  if (sql.startsWith('update') && sql.includes('status = ?, lease_owner = ?, lease_expires_at = ? where')) return 'claim';
  if (sql.startsWith('select') && sql.includes('lease_owner = ?')) return 'read claimed';
  if (sql.startsWith('update')) return 'result write';
  return 'other message query';
}

/** Counts the queries the app sends while `on()` says so, by kind (claim, result write, insert, …). */
function countQueries(knex) {
  const counts = {};
  let enabled = false;
  knex.on('query', (q) => {
    if (!enabled) return;
    const kind = kindOf(q.sql.toLowerCase().replace(/[`"]/g, ''));
    counts[kind] = (counts[kind] ?? 0) + 1;
  });
  return {
    start() {
      enabled = true;
    },
    stop() {
      enabled = false;
      return { ...counts };
    },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 1073741824), node: process.version, loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))) };
}

module.exports = { PLAYGROUND, TABLE, readArgs, startSinkProcess, waitForSink, createDatabase, playgroundEnv, seedFinished, countQueries, median, timed, machine };
