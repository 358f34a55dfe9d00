#!/usr/bin/env node
/*
 * Per-message cost of rendering a template (the RMA stage-changed email inside the master layout):
 * with the compile cache (MJML compiled once, per message only variables are filled) against calling
 * MJML for every message (fill the MJML source, then compile), in the same run. Target: >= 50x.
 * Writes bench/results/template-render.json and .md. Usage: node bench/template-render.js [--messages 300]
 */
'use strict';

require('./ts-require');
const fs = require('fs');
const path = require('path');
const { compileTemplate, renderCompiled } = require('../server/src/templates/compiled-template.ts');
const { compileMjml } = require('../server/src/templates/mjml-compiler.ts');
const { composeMjml } = require('../server/src/core/templates/layout.ts');
const { parseTemplate } = require('../server/src/core/templates/template-syntax.ts');
const { renderTemplate } = require('../server/src/core/templates/render-template.ts');
const { textFromHtml } = require('../server/src/templates/text-from-html.ts');
const { BUILT_IN_TEMPLATES } = require('../server/src/templates/built-in-templates.ts');

const args = process.argv.slice(2);
const MESSAGES = Number(args[args.indexOf('--messages') + 1]) || 300;

const sources = {
  subject: 'RMA {{record.number}} is now {{changes.stage.to}}',
  mjml: `<mj-section><mj-column>
  <mj-text><p>Dear {{record.customer.name}},</p><p>RMA {{record.number}} moved from {{changes.stage.from}} to {{changes.stage.to}}.</p>
  {{#if changeList}}<ul>{{#each changeList}}<li>{{field}}: {{from}} → {{to}}</li>{{/each}}</ul>{{/if}}</mj-text>
  <mj-button href="{{record.adminUrl}}">Open the RMA</mj-button>
</mj-column></mj-section>`,
  text: null,
  layoutMjml: BUILT_IN_TEMPLATES.master.mjml,
};

const contextFor = (i) => ({
  site: { name: 'Acme Support', adminUrl: 'https://acme.test/admin' },
  layout: { brandName: 'Acme', logoUrl: '', footer: 'Automatic notification.' },
  record: { number: `RMA-${i}`, customer: { name: `Customer <${i}>` }, adminUrl: `https://acme.test/admin/rma/${i}` },
  changes: { stage: { from: 'received', to: 'authorized' } },
  changeList: [{ field: 'stage', from: 'received', to: 'authorized' }],
});

async function cached() {
  const compiled = await compileTemplate(sources);
  for (let i = 0; i < 200; i += 1) renderCompiled(compiled, contextFor(i));
  const started = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < MESSAGES * 20; i += 1) bytes += renderCompiled(compiled, contextFor(i)).sizeBytes;
  return { usPerMessage: Number(process.hrtime.bigint() - started) / (MESSAGES * 20) / 1000, bytes };
}

/** What a plugin without a cache does: fill the MJML source with the values, then compile it. */
async function uncached() {
  const composed = composeMjml(sources.mjml, sources.layoutMjml).source;
  const parsed = parseTemplate(composed, 'mjml');
  const subject = parseTemplate(sources.subject, 'subject');
  if (!parsed.ok || !subject.ok) throw new Error('bench template does not parse');
  const once = async (i) => {
    const filled = renderTemplate(parsed.nodes, contextFor(i), 'html');
    const { html } = await compileMjml(filled);
    return renderTemplate(subject.nodes, contextFor(i), 'header').length + html.length + textFromHtml(html).length;
  };
  for (let i = 0; i < 10; i += 1) await once(i);
  const started = process.hrtime.bigint();
  for (let i = 0; i < MESSAGES; i += 1) await once(i);
  return { usPerMessage: Number(process.hrtime.bigint() - started) / MESSAGES / 1000 };
}

(async () => {
  const withCache = await cached();
  const withoutCache = await uncached();
  const result = {
    date: new Date().toISOString(),
    messages: MESSAGES,
    microsecondsPerMessage: { compileCache: withCache.usPerMessage, mjmlEveryMessage: withoutCache.usPerMessage },
    speedup: withoutCache.usPerMessage / withCache.usPerMessage,
    target: 50,
  };
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'template-render.json'), JSON.stringify(result, null, 2) + '\n');
  const md = [
    `# Template render cost per message (${result.date})`,
    '',
    '| Rendering | µs per message |',
    '| --- | ---: |',
    `| compile cache: MJML once, variables per message | ${withCache.usPerMessage.toFixed(1)} |`,
    `| baseline: fill the MJML, compile it, derive the text, for every message | ${withoutCache.usPerMessage.toFixed(1)} |`,
    '',
    `Speed-up: **${result.speedup.toFixed(0)}x** (target: at least ${result.target}x).`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'template-render.md'), md);
  console.log(md);
})();
