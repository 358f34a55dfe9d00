#!/usr/bin/env node
/*
 * `npm test`: builds the plugin and the playground admin, then runs every suite (unit, integration,
 * browser) with jest, and ends with one summary line "tests: N passed, N failed".
 * Browser tests need Chromium (Debian package `chromium`, or CHROMIUM_PATH); without it the run fails
 * with that message. `npm test -- --no-browser` runs the other suites only, and says so.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, BIN, buildPlugin, buildPlaygroundAdmin } = require('./lib');

const args = process.argv.slice(2);
const noBrowser = args.includes('--no-browser');
const jestArgs = args.filter((a) => a !== '--no-browser');

const chromium = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!noBrowser && !chromium) {
  console.error('Browser tests need Chromium: `apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH. To run without them: npm test -- --no-browser');
  process.exit(1);
}

buildPlugin();
const projects = ['unit', 'integration'];
if (!noBrowser) {
  buildPlaygroundAdmin({
    APP_KEYS: 'buildKeyA,buildKeyB',
    API_TOKEN_SALT: 'build',
    ADMIN_JWT_SECRET: 'build',
    TRANSFER_TOKEN_SALT: 'build',
    JWT_SECRET: 'build',
    ENCRYPTION_KEY: 'build-only-key-0123456789abcdef',
  });
  projects.push('browser');
} else {
  console.log('> Browser tests skipped on request (--no-browser).');
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'en-jest-')), 'report.json');
const result = spawnSync(
  path.join(BIN, 'jest'),
  ['--runInBand', '--selectProjects', ...projects, '--json', `--outputFile=${report}`, ...jestArgs],
  { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) } },
);

let summary = null;
try {
  summary = JSON.parse(fs.readFileSync(report, 'utf8'));
} catch {
  /* jest crashed before writing its report */
}
if (summary) {
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(`\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
process.exit(result.status ?? 1);
