#!/usr/bin/env node
/*
 * Scale-out of the outbox: the same backlog drained by one and by three playground instances (each in
 * its own process) on one PostgreSQL (or MySQL/MariaDB) database, against an SMTP sink that answers
 * each message after 50 ms (a slow relay: the connection pools decide, not this machine's cores).
 * Checks that every message arrived exactly once, then measures how many claims per second the
 * database itself sustains (the claim statement the workers run, from several connections at once).
 * Results: bench/results/outbox-scale-out-<database>.json and .md.
 * Usage: node bench/outbox-scale-out.js [--database postgres|mysql] [--messages 3000 --instances 3
 *   --relay-delay-ms 50 --claim-rows 20000 --claimers 8]
 */
'use strict';

require('./ts-require');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { createStrapi } = require('@strapi/strapi');
const support = require('./bench-support');
const { createMessageRepository } = require('../server/src/outbox/message-repository.ts');

const opts = support.readArgs({ database: 'postgres', messages: 3000, instances: 3, 'relay-delay-ms': 50, 'claim-rows': 20000, claimers: 8 });
const RESULTS = path.join(__dirname, 'results');
const RUN_INSTANCE = path.join(__dirname, '..', 'tests', 'helpers', 'run-instance.js');

/** Boots Strapi in this process without a worker (to create the tables or use the repository), runs fn, stops it. */
async function withLocalStrapi(env, fn) {
  Object.assign(process.env, env);
  const strapi = createStrapi({ appDir: support.PLAYGROUND, distDir: support.PLAYGROUND, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  try {
    return await fn(strapi);
  } finally {
    await strapi.destroy();
  }
}

const noWorker = { PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { workerEnabled: false } }) };

function spawnInstance(env) {
  const child = spawn(process.execPath, [RUN_INSTANCE], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', () => output.includes('READY') && resolve());
    child.once('exit', (code) => reject(new Error(`instance exited (${code}) before it was ready:\n${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { ready, stop: async () => (child.kill('SIGTERM'), await exited), output: () => output };
}

/** The backlog queued (due tomorrow), `count` instances started, then everything made due at once and timed. */
async function drainWith(count, sink, dir) {
  const database = await support.createDatabase(opts.database, dir);
  const env = support.playgroundEnv(database, sink, {});
  try {
    await withLocalStrapi({ ...env, ...noWorker }, async (strapi) => {
      const notifications = strapi.plugin('email-notifications').service('notifications');
      for (let offset = 0; offset < opts.messages; offset += 1000) {
        await notifications.sendMany(Array.from({ length: Math.min(1000, opts.messages - offset) }, (_, i) => ({ to: `customer${offset + i}@example.com`, subject: `SCALE-${offset + i}`, text: 'Your RMA was authorised.', delaySeconds: 86400 })));
      }
    });
    const instanceEnv = { ...env, PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { deliveryDelaySeconds: 0, pollIntervalMs: 50 } }) };
    const instances = Array.from({ length: count }, () => spawnInstance(instanceEnv));
    await Promise.all(instances.map((i) => i.ready));
    try {
      return await withLocalStrapi({ ...env, ...noWorker }, async (strapi) => {
        const knex = strapi.db.connection;
        const seconds = await support.timed(async () => {
          await knex(support.TABLE).where('status', 'queued').update({ next_attempt_at: new Date() });
          await support.waitForSink(sink, opts.messages);
        });
        await new Promise((r) => setTimeout(r, 1000)); // a message sent twice would arrive now
        const [received, duplicates] = [await sink.count(), await sink.duplicates()];
        const sent = Number((await knex(support.TABLE).where('status', 'sent').count('* as n'))[0].n);
        await sink.clear();
        return { instances: count, seconds, messagesPerSecond: opts.messages / seconds, received, duplicates, markedSent: sent, exactlyOnce: received === opts.messages && duplicates === 0 };
      });
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
  } finally {
    await database.drop();
  }
}

/**
 * The database's own limit: `claimers` connections claiming batches of 10 from a queue of
 * `claim-rows` due messages with the repository's claim (FOR UPDATE SKIP LOCKED), until it is empty.
 */
async function claimRate(sink, dir) {
  const database = await support.createDatabase(opts.database, dir);
  try {
    return await withLocalStrapi({ ...support.playgroundEnv(database, sink, {}), ...noWorker }, async (strapi) => {
      const notifications = strapi.plugin('email-notifications').service('notifications');
      for (let offset = 0; offset < opts['claim-rows']; offset += 1000) {
        await notifications.sendMany(Array.from({ length: Math.min(1000, opts['claim-rows'] - offset) }, (_, i) => ({ to: `c${offset + i}@example.com`, subject: `CLAIM-${offset + i}`, text: 'x', delaySeconds: 0 })));
      }
      const repository = createMessageRepository(strapi);
      let claims = 0;
      let claimed = 0;
      const seconds = await support.timed(() =>
        Promise.all(Array.from({ length: opts.claimers }, async (_, c) => {
          for (;;) {
            const rows = await repository.claimDue(`bench-claimer-${c}`, 10, new Date(), 60_000);
            claims += 1;
            claimed += rows.length;
            if (!rows.length) return;
          }
        })),
      );
      if (claimed !== opts['claim-rows']) throw new Error(`claimed ${claimed} of ${opts['claim-rows']} messages`);
      return { claimers: opts.claimers, batch: 10, claimsPerSecond: claims / seconds, messagesClaimedPerSecond: claimed / seconds };
    });
  } finally {
    await database.drop();
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-scale-'));
  const sink = await support.startSinkProcess(opts['relay-delay-ms']);
  const machine = support.machine();
  try {
    console.log(`> ${opts.messages} messages, one instance, ${opts.database}, relay answering after ${opts['relay-delay-ms']} ms`);
    const one = await drainWith(1, sink, dir);
    console.log(`  ${one.messagesPerSecond.toFixed(0)} messages/s`);
    console.log(`> the same with ${opts.instances} instances`);
    const many = await drainWith(opts.instances, sink, dir);
    console.log(`  ${many.messagesPerSecond.toFixed(0)} messages/s`);
    console.log(`> claims per second on ${opts.database} (${opts.claimers} connections, batches of 10)`);
    const claims = await claimRate(sink, dir);
    const ratio = many.messagesPerSecond / one.messagesPerSecond;
    const result = { date: new Date().toISOString(), machine, database: opts.database, options: opts, one, many, ratio, target: { ratio: 2.5 }, claims, loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))) };
    fs.mkdirSync(RESULTS, { recursive: true });
    const base = path.join(RESULTS, `outbox-scale-out-${opts.database}`);
    fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
    const f = (n) => n.toFixed(0);
    const md = [
      `# Outbox scale-out on ${opts.database} (${result.date})`,
      '',
      `${opts.messages} queued messages made due at once, drained by playground instances in their own processes on one ${opts.database} database; the SMTP sink answers each message after ${opts['relay-delay-ms']} ms; default delivery settings (20 in flight, pool of 5 connections per instance). ${machine.cpus} CPUs, Node ${machine.node}, load average at the start ${machine.loadAverage.join(' / ')}.`,
      '',
      '| Instances | messages/s | received | sent twice | marked sent |',
      '| ---: | ---: | ---: | ---: | ---: |',
      `| 1 | ${f(one.messagesPerSecond)} | ${one.received} | ${one.duplicates} | ${one.markedSent} |`,
      `| ${opts.instances} | ${f(many.messagesPerSecond)} | ${many.received} | ${many.duplicates} | ${many.markedSent} |`,
      '',
      `${opts.instances} instances / 1 instance: **${ratio.toFixed(2)}x** (target at least 2.5x: ${ratio >= 2.5 ? 'met' : 'NOT met'}); exactly once: ${one.exactlyOnce && many.exactlyOnce ? 'yes' : 'NO'}.`,
      '',
      `The database's own limit: ${claims.claimers} connections claiming batches of ${claims.batch} ran ${f(claims.claimsPerSecond)} claims/s (${f(claims.messagesClaimedPerSecond)} messages claimed/s).`,
      '',
    ].join('\n');
    fs.writeFileSync(`${base}.md`, md);
    console.log(`\n${md}`);
    if (!one.exactlyOnce || !many.exactlyOnce) process.exitCode = 1;
  } finally {
    await sink.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
