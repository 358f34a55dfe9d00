#!/usr/bin/env node
/*
 * What SMTP event rules cost delivery: the same messages through the outbox, one in ten to a recipient
 * the SMTP sink refuses for good (each a "final delivery failed" event), with no event rules and with
 * 50 enabled ones (half of them matching, a max frequency of 15 minutes, a provider action), in
 * alternating rounds (median). Results: bench/results/event-rules-overhead.json and .md.
 * Usage: node bench/event-rules-overhead.js [--messages 3000 --rounds 3 --rules 50 --database sqlite]
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { createStrapi } = require('@strapi/strapi');
const support = require('./bench-support');

const opts = support.readArgs({ database: 'sqlite', messages: 3000, rounds: 3, rules: 50 });
const RESULTS = path.join(__dirname, 'results');
const MESSAGE_UID = 'plugin::email-notifications.message';
const RUN_UID = 'plugin::email-notifications.event-action-run';
const REFUSED = '^unknown';

const messages = Array.from({ length: opts.messages }, (_, i) => ({
  to: `${i % 10 === 0 ? 'unknown' : 'customer'}${i}@example.com`,
  subject: `RMA-${100000 + i}: stage changed to authorized`,
  text: `Hello,\n\nthe stage of RMA-${100000 + i} changed from received to authorized.`,
}));
const refused = messages.filter((m) => m.to.startsWith('unknown')).length;

/** Half the rules match the refused deliveries; the others wait for another server or another event. */
function eventRules(count) {
  return Array.from({ length: count }, (_, i) => ({
    name: `Bench rule ${i + 1}`,
    enabled: true,
    eventType: i % 4 === 3 ? 'connection-failed' : 'final-delivery-failed',
    conditions: i % 2 === 0 ? { customerEmail: '*@example.com' } : { smtpServer: 'smtp.*.example.net' },
    maxFrequencyMinutes: 15,
    actions: [{ type: 'provider', name: 'bench-noop' }],
  }));
}

async function round(sink, dir, rules) {
  const database = await support.createDatabase(opts.database, dir);
  const config = { delivery: { deliveryDelaySeconds: 0, pollIntervalMs: 50 }, events: { rules: eventRules(rules) } };
  Object.assign(process.env, support.playgroundEnv(database, sink, { PLAYGROUND_PLUGIN_CONFIG: JSON.stringify(config) }));
  const strapi = createStrapi({ appDir: support.PLAYGROUND, distDir: support.PLAYGROUND, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  try {
    const notifications = strapi.plugin('email-notifications').service('notifications');
    let providerCalls = 0;
    notifications.registerEventProvider('bench-noop', async () => {
      providerCalls += 1;
    });
    const seconds = await support.timed(async () => {
      await notifications.sendMany(messages);
      await support.waitForSink(sink, messages.length - refused);
      await waitForCount(strapi, 'failed', refused);
    });
    await sink.clear();
    const runs = await strapi.db.query(RUN_UID).count();
    return { seconds, runs, providerCalls };
  } finally {
    await strapi.destroy();
    await database.drop();
  }
}

async function waitForCount(strapi, status, expected) {
  for (;;) {
    if ((await strapi.db.query(MESSAGE_UID).count({ where: { status } })) >= expected) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function markdown(result) {
  const f = (n) => n.toFixed(0);
  return [
    `# SMTP event rules and delivery (${result.date})`,
    '',
    `${opts.messages} messages through the outbox on ${opts.database}, one in ten refused for good by the sink (${refused} final-delivery-failed events), median of ${opts.rounds} alternating rounds, ${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}, load average at the start ${result.machine.loadAverage.join(' / ')}.`,
    '',
    '| Set-up | messages/s | ratio |',
    '| --- | ---: | ---: |',
    `| no event rules | ${f(result.messagesPerSecond.none)} | 1.00 |`,
    `| **${opts.rules} enabled event rules** | **${f(result.messagesPerSecond.withRules)}** | **${result.ratio.toFixed(2)}** |`,
    '',
    `Action runs queued with the rules (max frequency 15 minutes: one per matching rule and window): ${result.actionRuns}.`,
    `Target: at least 0.95x: ${result.ratio >= 0.95 ? 'met' : 'NOT met'}.`,
    '',
  ].join('\n');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-bench-events-'));
  const sink = await support.startSinkProcess(0, REFUSED);
  const machine = support.machine();
  try {
    const none = [];
    const withRules = [];
    let actionRuns = 0;
    for (let i = 1; i <= opts.rounds; i += 1) {
      none.push((await round(sink, dir, 0)).seconds);
      const ruled = await round(sink, dir, opts.rules);
      withRules.push(ruled.seconds);
      actionRuns = ruled.runs;
      console.log(`> round ${i}/${opts.rounds}: no rules ${(opts.messages / none.at(-1)).toFixed(0)}/s, ${opts.rules} rules ${(opts.messages / withRules.at(-1)).toFixed(0)}/s (${ruled.runs} action runs)`);
    }
    const rate = { none: opts.messages / support.median(none), withRules: opts.messages / support.median(withRules) };
    const result = { date: new Date().toISOString(), machine, options: opts, runsSeconds: { none, withRules }, messagesPerSecond: rate, ratio: rate.withRules / rate.none, actionRuns, target: 0.95 };
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, 'event-rules-overhead.json'), JSON.stringify(result, null, 2) + '\n');
    const md = markdown(result);
    fs.writeFileSync(path.join(RESULTS, 'event-rules-overhead.md'), md);
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
