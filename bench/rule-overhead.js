#!/usr/bin/env node
/*
 * What the rule engine adds to a record update: the same RMA updates (document service, SQLite,
 * changing the notes) with the plugin disabled, with the plugin and no rule on RMAs, with 50 enabled
 * change rules on RMAs ("stage changed to …", "TAT hours changed", "owner changed", the way helpdesk
 * rules are written), and with 50 rules without a change condition, which are evaluated on every save
 * (reading the previous version, and the current one for relation fields). No rule matches, so no mail
 * is rendered: this is the cost every save pays. Rounds alternate between the set-ups; ratios are
 * taken within a round and the median over the rounds is reported. Target: <= 1.1x with 50 change
 * rules. Runs on a copy of the playground without the RMA's relation to the plugin's mailbox type (so
 * the app also boots with the plugin disabled). Writes bench/results/rule-overhead.json and .md.
 * Usage: node bench/rule-overhead.js [--updates 300 --rounds 5]
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const UPDATES = arg('updates', 300);
const ROUNDS = arg('rounds', 5);
// A direct child of the repository, so the app's config finds the plugin at ../.. as the playground does.
const WORK = path.resolve(__dirname, '..', '.bench-app');
const APP = WORK;
const PLAYGROUND = path.resolve(__dirname, '..', 'playground');
const RESULTS = path.join(__dirname, 'results');

function copyApp() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(path.join(WORK, 'dbs'), { recursive: true });
  for (const part of ['config', 'src', 'public', 'package.json', 'favicon.png']) {
    fs.cpSync(path.join(PLAYGROUND, part), path.join(APP, part), { recursive: true, filter: (src) => !src.includes(`${path.sep}uploads${path.sep}`) });
  }
  const schemaFile = path.join(APP, 'src/api/rma/content-types/rma/schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  delete schema.attributes.mailbox;
  fs.writeFileSync(schemaFile, JSON.stringify(schema, null, 2));
}

const STAGES = ['received', 'authorized', 'in-repair', 'repaired', 'shipped'];

/** 50 rules as helpdesks write them: something changed (stage to X, from X, TAT hours, owner), with extra conditions. */
function fiftyChangeRules() {
  return Array.from({ length: 50 }, (_, i) => ({
    name: `Change rule ${i}`,
    trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
    conditions:
      i % 3 === 0
        ? { all: [{ field: 'stage', op: 'changedTo', value: STAGES[i % 5] }, { field: 'customer.email', op: 'isNotEmpty' }] }
        : i % 3 === 1
          ? { any: [{ field: 'tatHours', op: 'changed' }, { field: 'stage', op: 'changedFrom', value: STAGES[(i + 1) % 5] }] }
          : { all: [{ field: 'owner', op: 'changed' }, { not: { field: 'stage', op: 'equals', value: 'shipped' } }] },
    recipients: { to: [{ path: 'customer.email' }] },
    template: { subject: 'RMA {{record.number}}', text: 'Stage {{record.stage}}' },
  }));
}

/** 50 rules without a change condition: evaluated on every save (reads the previous and, for relations, the current version). */
function fiftyStateRules() {
  return Array.from({ length: 50 }, (_, i) => ({
    name: `State rule ${i}`,
    trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
    conditions:
      i % 2 === 0
        ? { all: [{ field: 'number', op: 'contains', value: `never-${i}` }, { not: { field: 'stage', op: 'equals', value: 'shipped' } }] }
        : { all: [{ field: 'customer.email', op: 'equals', value: `nobody-${i}@example.com` }] },
    recipients: { to: [{ path: 'customer.email' }] },
    template: { subject: 'RMA {{record.number}}', text: 'Stage {{record.stage}}' },
  }));
}

const RULES = { 'fifty-rules': fiftyChangeRules, 'fifty-state-rules': fiftyStateRules };

function env(setup, dbFile) {
  return {
    NODE_ENV: 'test',
    APP_KEYS: 'benchA,benchB',
    API_TOKEN_SALT: 'bench',
    ADMIN_JWT_SECRET: 'bench',
    TRANSFER_TOKEN_SALT: 'bench',
    JWT_SECRET: 'bench',
    ENCRYPTION_KEY: 'bench-encryption-key-0123456789abcdef',
    STRAPI_TELEMETRY_DISABLED: 'true',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: dbFile,
    PLAYGROUND_PLUGIN_DISABLED: setup === 'disabled' ? 'true' : 'false',
    PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ delivery: { workerEnabled: false }, rules: { schedulerEnabled: false } }),
  };
}

async function measure(setup, round) {
  const dbFile = path.join(WORK, 'dbs', `${setup}-${round}.db`);
  Object.assign(process.env, env(setup, dbFile));
  const strapi = createStrapi({ appDir: APP, distDir: APP, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  try {
    if (RULES[setup]) {
      const rules = strapi.plugin('email-notifications').service('rules');
      for (const rule of RULES[setup]()) await rules.create(rule);
    }
    const customer = await strapi.documents('api::customer.customer').create({ data: { name: 'Bench', email: 'bench@example.com' } });
    const rma = await strapi.documents('api::rma.rma').create({ data: { number: 'RMA-BENCH', stage: 'received', customer: customer.documentId } });
    const update = (i) => strapi.documents('api::rma.rma').update({ documentId: rma.documentId, data: { notes: `note ${i}` } });
    for (let i = 0; i < 100; i += 1) await update(i);
    const times = [];
    for (let i = 0; i < UPDATES; i += 1) {
      const started = process.hrtime.bigint();
      await update(i);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    if (RULES[setup]) {
      const sent = await strapi.db.query('plugin::email-notifications.message').count();
      if (sent !== 0) throw new Error(`the benchmark's rules must not match, but ${sent} messages were queued`);
    }
    return times;
  } finally {
    await strapi.destroy();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

(async () => {
  copyApp();
  const setups = ['disabled', 'no-rules', 'fifty-rules', 'fifty-state-rules'];
  // Per round, each set-up's median; the ratios are taken within a round (same machine load), then
  // the median ratio over the rounds is reported.
  const rounds = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const medians = {};
    for (const setup of round % 2 ? [...setups].reverse() : setups) medians[setup] = median(await measure(setup, round));
    rounds.push(medians);
  }
  const ms = Object.fromEntries(setups.map((s) => [s, median(rounds.map((r) => r[s]))]));
  const ratio = (setup) => median(rounds.map((r) => r[setup] / r.disabled));
  const result = {
    date: new Date().toISOString(),
    updates: UPDATES * ROUNDS,
    medianMsPerUpdate: ms,
    ratioNoRules: ratio('no-rules'),
    ratioFiftyRules: ratio('fifty-rules'),
    ratioFiftyStateRules: ratio('fifty-state-rules'),
    rounds,
    target: 1.1,
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'rule-overhead.json'), JSON.stringify(result, null, 2) + '\n');
  const md = [
    `# Rule engine cost per record update (${result.date})`,
    '',
    '| Set-up | median ms per update | median ratio to the baseline |',
    '| --- | ---: | ---: |',
    `| plugin disabled (baseline) | ${ms.disabled.toFixed(3)} | 1.00 |`,
    `| plugin enabled, no rule on RMAs | ${ms['no-rules'].toFixed(3)} | ${result.ratioNoRules.toFixed(2)} |`,
    `| plugin enabled, 50 change rules on RMAs ("stage changed to …") | ${ms['fifty-rules'].toFixed(3)} | ${result.ratioFiftyRules.toFixed(2)} |`,
    `| plugin enabled, 50 rules without a change condition on RMAs | ${ms['fifty-state-rules'].toFixed(3)} | ${result.ratioFiftyStateRules.toFixed(2)} |`,
    '',
    `Target: at most ${result.target}x with 50 change rules (${UPDATES * ROUNDS} updates per set-up in ${ROUNDS} alternating rounds; ratios within each round, median over rounds).`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(RESULTS, 'rule-overhead.md'), md);
  console.log(md);
  fs.rmSync(WORK, { recursive: true, force: true });
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
