#!/usr/bin/env node
/*
 * End-to-end throughput of the outbox (enqueue -> sent) against baselines in the same run, all sending
 * the same messages to the same local SMTP sink (its own process):
 *   - raw nodemailer with a pool (what the outbox uses underneath, without any bookkeeping), alternated
 *     with the outbox over a few rounds (median), with the outbox's queries per message counted;
 *   - Strapi's email plugin with its nodemailer provider: awaited per message, and 20 calls in flight;
 *   - POST /api/email over HTTP, 20 requests in flight: this plugin capturing it, and Strapi's provider;
 *   - a 3,000 burst on an empty table against a large backlog drained with many finished rows present.
 * Results: bench/results/outbox-throughput[-<database>].json and .md.
 * Usage: node bench/outbox-throughput.js [--database sqlite|postgres|mysql] [--messages 3000 --rounds 3
 *   --backlog 100000 --finished 1000000 --burst 3000 --in-flight 20 --strapi-email-sample 100 --baseline-messages 600]
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const nodemailer = require('nodemailer');
const { createStrapi } = require('@strapi/strapi');
const support = require('./bench-support');

const opts = support.readArgs({ database: 'sqlite', messages: 3000, rounds: 3, backlog: 100000, finished: 1000000, burst: 3000, 'in-flight': 20, 'strapi-email-sample': 100, 'baseline-messages': 600 });
const POOL_SIZE = 5;
const RESULTS = path.join(__dirname, 'results');
const MESSAGE_UID = 'plugin::email-notifications.message';
const { TABLE } = support;

const makeMessages = (count, prefix = 'RMA') =>
  Array.from({ length: count }, (_, i) => ({
    to: `customer${i}@example.com`,
    subject: `${prefix}-${100000 + i}: stage changed to authorized`,
    text: `Hello,\n\nthe stage of RMA-${100000 + i} changed from received to authorized.\n\nYour helpdesk`,
    html: `<p>Hello,</p><p>the stage of <b>RMA-${100000 + i}</b> changed from <i>received</i> to <i>authorized</i>.</p><p>Your helpdesk</p>`,
  }));
const messages = makeMessages(opts.messages);

async function expectDelivered(sink, expected) {
  const [count, duplicates] = [await sink.count(), await sink.duplicates()];
  if (count !== expected || duplicates) throw new Error(`the sink received ${count} messages (${duplicates} twice), expected ${expected} once each`);
  await sink.clear();
}

async function rawNodemailer(sink) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, pool: true, maxConnections: POOL_SIZE, maxMessages: 100 });
  const seconds = await support.timed(() => Promise.all(messages.map((m) => transport.sendMail({ from: 'helpdesk@example.com', ...m }))));
  transport.close();
  return seconds;
}

/** Boots the playground on a fresh database, runs `fn(strapi)`, then stops it and drops the database. */
async function withStrapi(sink, dir, extra, fn, { listen = false } = {}) {
  const database = await support.createDatabase(opts.database, dir);
  Object.assign(process.env, support.playgroundEnv(database, sink, extra));
  const strapi = createStrapi({ appDir: support.PLAYGROUND, distDir: support.PLAYGROUND, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  if (listen) await strapi.listen();
  try {
    return await fn(strapi);
  } finally {
    await strapi.destroy();
    await database.drop();
  }
}

const pluginConfig = (delivery) => ({ PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { deliveryDelaySeconds: 0, pollIntervalMs: 50, ...delivery } }) });

async function outboxRound(sink, dir) {
  return withStrapi(sink, dir, pluginConfig({}), async (strapi) => {
    const notifications = strapi.plugin('email-notifications').service('notifications');
    const counter = support.countQueries(strapi.db.connection);
    counter.start();
    const seconds = await support.timed(async () => {
      await notifications.sendMany(messages);
      await support.waitForSink(sink, messages.length);
    });
    // Results are written in batches: the last ones may still be on their way to the database.
    for (let i = 0; i < 100 && (await strapi.db.query(MESSAGE_UID).count({ where: { status: 'sent' } })) < messages.length; i += 1) await new Promise((r) => setTimeout(r, 50));
    const queries = counter.stop();
    const sent = await strapi.db.query(MESSAGE_UID).count({ where: { status: 'sent' } });
    if (sent !== messages.length) throw new Error(`${sent} messages are marked sent, expected ${messages.length}`);
    return { seconds, queries };
  });
}

/** Runs `fn(i)` for i in 0..count-1 with `inFlight` at a time. */
async function inFlight(count, concurrency, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await fn(next++);
  }));
}

/** Strapi's email service with its own nodemailer provider (the plugin's capture off): one call at a time, then 20 in flight. */
async function strapiEmailService(sink, dir) {
  const extra = { PLAYGROUND_STRAPI_EMAIL_SMTP: `smtp://127.0.0.1:${sink.port}`, PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { workerEnabled: false, captureStrapiEmail: false } }) };
  return withStrapi(sink, dir, extra, async (strapi) => {
    const email = strapi.plugin('email').service('email');
    const serial = makeMessages(opts['strapi-email-sample'], 'SERIAL');
    const serialSeconds = await support.timed(async () => {
      for (const m of serial) await email.send({ from: 'helpdesk@example.com', ...m });
    });
    await expectDelivered(sink, serial.length);
    const parallel = makeMessages(opts['baseline-messages'], 'PARALLEL');
    const parallelSeconds = await support.timed(() => inFlight(parallel.length, opts['in-flight'], (i) => email.send({ from: 'helpdesk@example.com', ...parallel[i] })));
    await expectDelivered(sink, parallel.length);
    return { serial: serial.length / serialSeconds, serialMsPerMessage: (serialSeconds * 1000) / serial.length, parallel: parallel.length / parallelSeconds };
  });
}

/** POST /api/email with an API token, 20 requests in flight, until the sink holds every message. */
async function httpEmail(sink, dir, capture) {
  const extra = capture
    ? pluginConfig({})
    : { PLAYGROUND_STRAPI_EMAIL_SMTP: `smtp://127.0.0.1:${sink.port}`, PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { workerEnabled: false, captureStrapiEmail: false } }) };
  return withStrapi(
    sink,
    dir,
    extra,
    async (strapi) => {
      const { accessKey } = await strapi.service('admin::api-token').create({ name: 'bench', type: 'full-access', lifespan: null, description: '' });
      const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}/api/email`;
      const list = makeMessages(opts['baseline-messages'], capture ? 'HTTP-PLUGIN' : 'HTTP-STRAPI');
      const seconds = await support.timed(async () => {
        await inFlight(list.length, opts['in-flight'], async (i) => {
          const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${accessKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ from: 'helpdesk@example.com', ...list[i] }) });
          if (!response.ok) throw new Error(`POST /api/email answered ${response.status}: ${await response.text()}`);
        });
        await support.waitForSink(sink, list.length);
      });
      await expectDelivered(sink, list.length);
      return list.length / seconds;
    },
    { listen: true },
  );
}

/**
 * Messages queued through sendMany (due tomorrow), then made due at once by one UPDATE, and timed
 * until the sink holds them all; `finished` sent rows are seeded by bulk SQL first. Memory is sampled
 * while it drains. The same procedure times the burst on an empty table.
 */
async function drain(sink, dir, count, finished) {
  return withStrapi(sink, dir, pluginConfig({}), async (strapi) => {
    const knex = strapi.db.connection;
    const seedSeconds = await support.timed(() => support.seedFinished(knex, finished));
    const notifications = strapi.plugin('email-notifications').service('notifications');
    const template = makeMessages(Math.min(count, 5000), 'DRAIN');
    const enqueueSeconds = await support.timed(async () => {
      for (let offset = 0; offset < count; offset += 1000) {
        const chunk = Array.from({ length: Math.min(1000, count - offset) }, (_, i) => ({ ...template[(offset + i) % template.length], subject: `DRAIN-${offset + i}`, delaySeconds: 86400 }));
        await notifications.sendMany(chunk);
      }
    });
    global.gc?.();
    const memory = () => process.memoryUsage();
    const before = memory();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sample = () => {
      const m = memory();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const seconds = await support.timed(async () => {
      await knex(TABLE).where('status', 'queued').update({ next_attempt_at: new Date() });
      await support.waitForSink(sink, count, sample);
    });
    await expectDelivered(sink, count);
    const mb = (n) => Math.round(n / 1048576);
    return { messages: count, finished, messagesPerSecond: count / seconds, seedSeconds, enqueueSeconds, rssBeforeMb: mb(before.rss), rssPeakMb: mb(peakRss), heapBeforeMb: mb(before.heapUsed), heapPeakMb: mb(peakHeap) };
  });
}

function markdown(result) {
  const f = (n) => n.toFixed(0);
  const r = result.messagesPerSecond;
  const q = result.queriesPerMessage;
  const lines = [
    `# Outbox throughput on ${result.database} (${result.date})`,
    '',
    `${opts.messages} messages to a local SMTP sink (its own process), median of ${opts.rounds} alternating rounds, pool of ${POOL_SIZE} connections, ${result.database}, ${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}, load average at the start ${result.machine.loadAverage.join(' / ')}.`,
    '',
    '| Path | messages/s | outbox ratio |',
    '| --- | ---: | ---: |',
    `| raw nodemailer pool (no bookkeeping) | ${f(r.rawNodemailer)} | ${(r.outbox / r.rawNodemailer).toFixed(2)}x |`,
    `| **this plugin's outbox (enqueue -> sent)** | **${f(r.outbox)}** | 1.00x |`,
    ...(r.strapiEmailSerial ? [
      `| Strapi email service + nodemailer provider, awaited one at a time (${opts['strapi-email-sample']} messages, ${result.strapiEmailSerialMsPerMessage.toFixed(0)} ms each) | ${f(r.strapiEmailSerial)} | ${(r.outbox / r.strapiEmailSerial).toFixed(1)}x |`,
      `| Strapi email service + nodemailer provider, ${opts['in-flight']} calls in flight (${opts['baseline-messages']} messages) | ${f(r.strapiEmailInFlight)} | ${(r.outbox / r.strapiEmailInFlight).toFixed(1)}x |`,
      `| POST /api/email, ${opts['in-flight']} in flight, captured by this plugin (until sent) | ${f(r.httpPlugin)} | ${(r.outbox / r.httpPlugin).toFixed(1)}x |`,
      `| POST /api/email, ${opts['in-flight']} in flight, Strapi's nodemailer provider | ${f(r.httpStrapi)} | ${(r.outbox / r.httpStrapi).toFixed(1)}x |`,
    ] : []),
    '',
    `Target: the outbox at least 0.9x raw nodemailer: ${result.ratios.outboxVsRawNodemailer >= 0.9 ? 'met' : 'NOT met'} (${result.ratios.outboxVsRawNodemailer.toFixed(2)}x).`,
    '',
    `Queries per message on the outbox path (enqueue, claim, result; median round): ${Object.entries(q).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}; total ${result.queriesPerMessageTotal.toFixed(3)}.`,
  ];
  if (result.scale) {
    const s = result.scale;
    lines.push(
      '',
      '| Drain | messages/s | resident memory before → peak | heap before → peak |',
      '| --- | ---: | ---: | ---: |',
      `| burst of ${s.burst.messages} on an empty table | ${f(s.burst.messagesPerSecond)} | ${s.burst.rssBeforeMb} → ${s.burst.rssPeakMb} MB | ${s.burst.heapBeforeMb} → ${s.burst.heapPeakMb} MB |`,
      `| backlog of ${s.backlog.messages} with ${s.backlog.finished} finished rows present | ${f(s.backlog.messagesPerSecond)} | ${s.backlog.rssBeforeMb} → ${s.backlog.rssPeakMb} MB | ${s.backlog.heapBeforeMb} → ${s.backlog.heapPeakMb} MB |`,
      '',
      `Backlog rate / burst rate: ${s.ratio.toFixed(2)}x (target at least 0.9x: ${s.ratio >= 0.9 ? 'met' : 'NOT met'}). Seeding ${s.backlog.finished} finished rows took ${s.backlog.seedSeconds.toFixed(1)} s, queueing the backlog through sendMany ${s.backlog.enqueueSeconds.toFixed(1)} s.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-bench-'));
  const sink = await support.startSinkProcess();
  const startMachine = support.machine();
  try {
    const rawRuns = [];
    const outboxRuns = [];
    for (let round = 1; round <= opts.rounds; round += 1) {
      console.log(`> round ${round}/${opts.rounds}: raw nodemailer pool (${opts.messages} messages)`);
      rawRuns.push(await rawNodemailer(sink));
      await expectDelivered(sink, opts.messages);
      console.log(`> round ${round}/${opts.rounds}: outbox on ${opts.database}, enqueue -> sent`);
      outboxRuns.push(await outboxRound(sink, dir));
      await expectDelivered(sink, opts.messages);
      console.log(`  raw ${(opts.messages / rawRuns.at(-1)).toFixed(0)}/s, outbox ${(opts.messages / outboxRuns.at(-1).seconds).toFixed(0)}/s`);
    }
    const raw = opts.messages / support.median(rawRuns);
    const medianRound = [...outboxRuns].sort((a, b) => a.seconds - b.seconds)[Math.floor(outboxRuns.length / 2)];
    const ours = opts.messages / medianRound.seconds;
    const baselines = {};
    if (opts['baseline-messages'] > 0) {
      console.log(`> Strapi email service + nodemailer provider: one at a time, then ${opts['in-flight']} in flight`);
      Object.assign(baselines, await strapiEmailService(sink, dir));
      console.log(`> POST /api/email, ${opts['in-flight']} in flight: captured by this plugin, then Strapi's provider`);
      baselines.httpPlugin = await httpEmail(sink, dir, true);
      baselines.httpStrapi = await httpEmail(sink, dir, false);
    }
    let scale = null;
    if (opts.backlog > 0) {
      console.log(`> burst of ${opts.burst} on an empty table`);
      const burst = await drain(sink, dir, opts.burst, 0);
      console.log(`> backlog of ${opts.backlog} with ${opts.finished} finished rows`);
      const backlog = await drain(sink, dir, opts.backlog, opts.finished);
      scale = { burst, backlog, ratio: backlog.messagesPerSecond / burst.messagesPerSecond };
    }
    const queriesPerMessage = Object.fromEntries(Object.entries(medianRound.queries).map(([k, v]) => [k, v / opts.messages]));
    const result = {
      date: new Date().toISOString(),
      machine: startMachine,
      database: opts.database,
      options: opts,
      poolSize: POOL_SIZE,
      runsSeconds: { rawNodemailer: rawRuns, outbox: outboxRuns.map((r) => r.seconds) },
      messagesPerSecond: {
        rawNodemailer: raw,
        outbox: ours,
        ...(baselines.serial ? { strapiEmailSerial: baselines.serial, strapiEmailInFlight: baselines.parallel, httpPlugin: baselines.httpPlugin, httpStrapi: baselines.httpStrapi } : {}),
      },
      strapiEmailSerialMsPerMessage: baselines.serialMsPerMessage ?? null,
      ratios: { outboxVsRawNodemailer: ours / raw },
      target: { outboxVsRawNodemailer: 0.9, backlogVsBurst: 0.9 },
      queriesPerMessage,
      queriesPerMessageTotal: Object.values(queriesPerMessage).reduce((a, b) => a + b, 0),
      scale,
      loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))),
    };
    fs.mkdirSync(RESULTS, { recursive: true });
    const base = path.join(RESULTS, `outbox-throughput-${opts.database}`);
    fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
    const md = markdown(result);
    fs.writeFileSync(`${base}.md`, md);
    console.log(`\n${md}`);
  } finally {
    await sink.close();
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
