#!/usr/bin/env node
/*
 * End-to-end throughput of the outbox (enqueue -> sent) against two baselines in the same run, all
 * sending the same pre-rendered messages to the same local SMTP sink:
 *   - raw nodemailer with a pool (what the outbox uses underneath, without any bookkeeping);
 *   - Strapi's email plugin with the nodemailer provider, called once per message (awaited, as code in
 *     a lifecycle hook would).
 * Then the peak memory while the outbox drains a large backlog. Results: bench/results/*.json and .md.
 * Usage: npm run bench [-- --messages 5000 --rounds 3 --backlog 100000 --strapi-email-sample 200]
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const nodemailer = require('nodemailer');
const { createStrapi } = require('@strapi/strapi');
const { fork } = require('child_process');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MESSAGES = arg('messages', 5000);
const ROUNDS = arg('rounds', 3);
const BACKLOG = arg('backlog', 100000);
const POOL_SIZE = 5;
const STRAPI_EMAIL_SAMPLE = Math.min(MESSAGES, arg('strapi-email-sample', 200));
const PLAYGROUND = path.resolve(__dirname, '..', 'playground');
const RESULTS = path.join(__dirname, 'results');

const messages = Array.from({ length: MESSAGES }, (_, i) => ({
  to: `customer${i}@example.com`,
  subject: `RMA-${100000 + i}: stage changed to authorized`,
  text: `Hello,\n\nthe stage of RMA-${100000 + i} changed from received to authorized.\n\nYour helpdesk`,
  html: `<p>Hello,</p><p>the stage of <b>RMA-${100000 + i}</b> changed from <i>received</i> to <i>authorized</i>.</p><p>Your helpdesk</p>`,
}));

function startSinkProcess() {
  const child = fork(path.join(__dirname, 'sink-process.js'));
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
        clear: () => ask('clear'),
        close: async () => child.disconnect(),
      });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function expectDelivered(sink, expected) {
  const count = await sink.count();
  if (count !== expected) throw new Error(`the sink received ${count} messages, expected ${expected}`);
  await sink.clear();
}

async function timed(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function rawNodemailer(sink) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, pool: true, maxConnections: POOL_SIZE, maxMessages: 100 });
  const seconds = await timed(() => Promise.all(messages.map((m) => transport.sendMail({ from: 'helpdesk@example.com', ...m }))));
  transport.close();
  return seconds;
}

function bootEnv(dbFile, sink, extra) {
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
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: dbFile,
    EMAIL_NOTIFICATIONS_SMTP_URL: `smtp://127.0.0.1:${sink.port}?security=none&from=helpdesk@example.com`,
    ...extra,
  };
}

async function withStrapi(env, fn) {
  Object.assign(process.env, env);
  const strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  try {
    return await fn(strapi);
  } finally {
    await strapi.destroy();
  }
}

async function strapiEmailPlugin(sink, dir) {
  const env = bootEnv(path.join(dir, 'strapi-email.db'), sink, {
    PLAYGROUND_STRAPI_EMAIL_SMTP: `smtp://127.0.0.1:${sink.port}`,
    PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { workerEnabled: false, captureStrapiEmail: false } }),
  });
  return withStrapi(env, async (strapi) => {
    const email = strapi.plugin('email').service('email');
    // It opens an SMTP connection per message, so it is timed on a sample and reported as a rate.
    const sample = messages.slice(0, STRAPI_EMAIL_SAMPLE);
    const seconds = await timed(async () => {
      for (const m of sample) await email.send({ from: 'helpdesk@example.com', ...m });
    });
    return (seconds * MESSAGES) / sample.length;
  });
}

async function waitForSent(strapi, total, onTick) {
  const query = strapi.db.query('plugin::email-notifications.message');
  for (;;) {
    const sent = await query.count({ where: { status: 'sent' } });
    if (onTick) onTick();
    if (sent >= total) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function outbox(sink, dir, round) {
  const env = bootEnv(path.join(dir, `outbox-${round}.db`), sink, { PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { deliveryDelaySeconds: 0, pollIntervalMs: 50 } }) });
  return withStrapi(env, async (strapi) => {
    const notifications = strapi.plugin('email-notifications').service('notifications');
    return timed(async () => {
      await notifications.sendMany(messages);
      await waitForSent(strapi, MESSAGES);
    });
  });
}

async function backlogMemory(sink, dir) {
  const env = bootEnv(path.join(dir, 'backlog.db'), sink, {
    PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { deliveryDelaySeconds: 3600, pollIntervalMs: 50 } }),
  });
  return withStrapi(env, async (strapi) => {
    const notifications = strapi.plugin('email-notifications').service('notifications');
    for (let offset = 0; offset < BACKLOG; offset += 1000) {
      await notifications.sendMany(Array.from({ length: Math.min(1000, BACKLOG - offset) }, (_, i) => ({ ...messages[(offset + i) % MESSAGES], delaySeconds: 0 })));
    }
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const seconds = await timed(() => waitForSent(strapi, BACKLOG, () => (peak = Math.max(peak, process.memoryUsage().rss))));
    return { seconds, rssBeforeMb: before / 1048576, rssPeakMb: peak / 1048576 };
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-bench-'));
  // No STARTTLS: every path talks plain SMTP on loopback, so TLS costs do not blur the comparison.
  const sink = await startSinkProcess();
  const rate = (seconds) => MESSAGES / seconds;
  try {
    // Alternate the two fast paths over a few rounds and keep the median: one run of each is noisy.
    const rawRuns = [];
    const outboxRuns = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      console.log(`> round ${round}/${ROUNDS}: raw nodemailer pool (${MESSAGES} messages)`);
      rawRuns.push(await rawNodemailer(sink));
      await expectDelivered(sink, MESSAGES);
      console.log(`> round ${round}/${ROUNDS}: outbox, enqueue -> sent`);
      outboxRuns.push(await outbox(sink, dir, round));
      await expectDelivered(sink, MESSAGES);
    }
    const raw = median(rawRuns);
    const ours = median(outboxRuns);
    console.log(`> Strapi email plugin + nodemailer provider, one call per message`);
    const strapiEmail = await strapiEmailPlugin(sink, dir);
    await sink.clear();
    let backlog = null;
    if (BACKLOG > 0) {
      console.log(`> outbox draining a backlog of ${BACKLOG} messages`);
      backlog = await backlogMemory(sink, dir);
    }
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1073741824), node: process.version },
      messages: MESSAGES,
      rounds: ROUNDS,
      runsSeconds: { rawNodemailer: rawRuns, outbox: outboxRuns },
      poolSize: POOL_SIZE,
      database: 'sqlite',
      messagesPerSecond: { rawNodemailer: rate(raw), strapiEmailPlugin: rate(strapiEmail), outbox: rate(ours) },
      ratios: { outboxVsRawNodemailer: rate(ours) / rate(raw), outboxVsStrapiEmailPlugin: rate(ours) / rate(strapiEmail) },
      target: { outboxVsRawNodemailer: 0.8 },
      backlog: backlog && { messages: BACKLOG, messagesPerSecond: BACKLOG / backlog.seconds, rssBeforeMb: Math.round(backlog.rssBeforeMb), rssPeakMb: Math.round(backlog.rssPeakMb) },
    };
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, 'outbox-throughput.json'), JSON.stringify(result, null, 2) + '\n');
    const f = (n) => n.toFixed(0);
    const md = [
      `# Outbox throughput (${result.date})`,
      '',
      `${MESSAGES} messages to a local SMTP sink (its own process), median of ${ROUNDS} alternating rounds, pool of ${POOL_SIZE} connections, SQLite, ${result.machine.cpus} CPUs, Node ${result.machine.node}.`,
      '',
      '| Path | messages/s | outbox ratio |',
      '| --- | ---: | ---: |',
      `| raw nodemailer pool (no bookkeeping) | ${f(result.messagesPerSecond.rawNodemailer)} | ${result.ratios.outboxVsRawNodemailer.toFixed(2)}x |`,
      `| Strapi email plugin + nodemailer provider, awaited per message (timed on ${STRAPI_EMAIL_SAMPLE}) | ${f(result.messagesPerSecond.strapiEmailPlugin)} | ${result.ratios.outboxVsStrapiEmailPlugin.toFixed(2)}x |`,
      `| **this plugin's outbox (enqueue -> sent)** | **${f(result.messagesPerSecond.outbox)}** | 1.00x |`,
      '',
      `Target: at least 0.8x raw nodemailer (${result.ratios.outboxVsRawNodemailer >= 0.8 ? 'met' : 'NOT met'}).`,
      ...(backlog
        ? ['', `Backlog of ${BACKLOG} messages: drained at ${f(result.backlog.messagesPerSecond)} messages/s; resident memory ${result.backlog.rssBeforeMb} MB before, peak ${result.backlog.rssPeakMb} MB while draining.`]
        : []),
      '',
    ].join('\n');
    fs.writeFileSync(path.join(RESULTS, 'outbox-throughput.md'), md);
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
