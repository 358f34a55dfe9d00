#!/usr/bin/env node
/*
 * Cost of one routing decision (which mailbox sends this message) with 50 mailboxes and geo routing on,
 * against the simplest decision (the default mailbox, no geo) in the same run. Writes
 * bench/results/routing-decision.json and .md. Usage: node bench/routing-decision.js [--decisions 200000]
 */
'use strict';

require('./ts-require');
const fs = require('fs');
const path = require('path');
const { selectMailbox } = require('../server/src/core/routing/select-mailbox.ts');
const { createStrategyState } = require('../server/src/core/routing/strategies.ts');
const { checkLimits, emptyUsage, recordSend } = require('../server/src/core/routing/limits.ts');

const args = process.argv.slice(2);
const DECISIONS = Number(args[args.indexOf('--decisions') + 1]) || 200000;
const now = new Date('2026-11-25T08:00:00Z');

function mailbox(i, located) {
  let usage = emptyUsage(now);
  for (let n = 0; n < i % 7; n += 1) usage = recordSend(usage, now);
  const limits = { rateLimitPerMinute: 100, dailyQuota: 10000 };
  return {
    id: `mb${i}`, name: `Mailbox ${i}`, enabled: i % 10 !== 9, direction: 'out', isDefault: i === 0, priority: i, weight: 1 + (i % 3),
    circuitOpenUntil: i % 13 === 5 ? new Date(now.getTime() + 60000) : null, poolSize: 5, inFlight: i % 4, sentLastMinute: i % 7,
    limit: checkLimits(limits, usage, now),
    latitude: located ? -60 + ((i * 37) % 120) : null, longitude: located ? -170 + ((i * 53) % 340) : null, countryCode: located ? 'DE' : null,
  };
}

function measure(label, candidates, requestFor) {
  const state = createStrategyState();
  for (let i = 0; i < 10000; i += 1) selectMailbox(candidates, requestFor(i), now, state, 'weighted');
  const started = process.hrtime.bigint();
  let chosen = 0;
  for (let i = 0; i < DECISIONS; i += 1) if (selectMailbox(candidates, requestFor(i), now, state, 'weighted').mailbox) chosen += 1;
  const ns = Number(process.hrtime.bigint() - started) / DECISIONS;
  if (chosen !== DECISIONS) throw new Error(`${label}: ${DECISIONS - chosen} decisions found no mailbox`);
  return ns / 1000;
}

const single = [mailbox(0, false)];
const fifty = Array.from({ length: 50 }, (_, i) => mailbox(i, true));
const locations = Array.from({ length: 64 }, (_, i) => ({ latitude: -50 + i, longitude: -150 + i * 4, countryCode: 'US', label: `place ${i}` }));

const baseline = measure('baseline', single, () => ({ requested: null, taskGroup: null }));
const geo = measure('geo', fifty, (i) => ({ requested: null, taskGroup: null, recipientLocation: locations[i % locations.length] }));
const group = measure('group', fifty, () => ({ requested: null, taskGroup: { name: 'rma', strategy: 'weighted', mailboxIds: fifty.slice(0, 20).map((m) => m.id), fallback: 'default' } }));

const result = {
  date: new Date().toISOString(),
  decisions: DECISIONS,
  microsecondsPerDecision: { defaultMailboxOnly: baseline, fiftyMailboxesGeo: geo, fiftyMailboxesTaskGroupWeighted: group },
  ratioGeoVsBaseline: geo / baseline,
};
const dir = path.join(__dirname, 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'routing-decision.json'), JSON.stringify(result, null, 2) + '\n');
const md = [
  `# Routing decision cost (${result.date})`,
  '',
  '| Decision | µs per message |',
  '| --- | ---: |',
  `| baseline: one mailbox, no geo | ${baseline.toFixed(2)} |`,
  `| 50 mailboxes, geo on (nearest by great-circle distance) | ${geo.toFixed(2)} |`,
  `| 50 mailboxes, task group of 20, weighted | ${group.toFixed(2)} |`,
  '',
].join('\n');
fs.writeFileSync(path.join(dir, 'routing-decision.md'), md);
console.log(md);
