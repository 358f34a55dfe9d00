#!/usr/bin/env node
/*
 * `npm test`: builds the plugin and the playground admin, then runs every suite (unit, integration,
 * browser) with jest, and ends with one summary line "tests: N passed, N failed".
 * Browser tests drive CHROMIUM_PATH, else the system's Chromium, else the one inside the
 * @sparticuz/chromium package (scripts/chromium.js). `npm test -- --no-browser` runs the other suites
 * only, and says so.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, BIN, buildPlugin, buildPlaygroundAdmin } = require('./lib');
const { resolveChromium, chromiumEnv } = require('./chromium');

const args = process.argv.slice(2);
const noBrowser = args.includes('--no-browser');
const jestArgs = args.filter((a) => a !== '--no-browser');
/** The admin build needs the secrets' names only; these values serve no running app. */
const BUILD_ENV = {
  APP_KEYS: 'buildKeyA,buildKeyB',
  API_TOKEN_SALT: 'build',
  ADMIN_JWT_SECRET: 'build',
  TRANSFER_TOKEN_SALT: 'build',
  JWT_SECRET: 'build',
  ENCRYPTION_KEY: 'build-only-key-0123456789abcdef',
};

async function main() {
  const chromium = noBrowser ? null : await resolveChromium();
  if (!noBrowser && !chromium) {
    console.error('Browser tests need Chromium: run `npm install` (it brings one), `apt-get install chromium`, or set CHROMIUM_PATH. To run without them: npm test -- --no-browser');
    process.exit(1);
  }
  if (chromium) console.log(`> Browser tests use Chromium from ${chromium.source}: ${chromium.executablePath}`);
  buildPlugin();
  runSuites(chromium ? chromiumEnv(chromium) : {});
}

function runSuites(browserEnv) {
  const projects = ['unit', 'integration'];
  if (browserEnv.CHROMIUM_PATH) {
    buildPlaygroundAdmin(BUILD_ENV);
    projects.push('browser');
  } else {
    console.log('> Browser tests skipped on request (--no-browser).');
  }
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'en-jest-')), 'report.json');
  const result = spawnSync(
    path.join(BIN, 'jest'),
    ['--runInBand', '--selectProjects', ...projects, '--json', `--outputFile=${report}`, ...jestArgs],
    { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...browserEnv } },
  );
  printSummary(report);
  process.exit(result.status ?? 1);
}

function printSummary(report) {
  let summary = null;
  try {
    summary = JSON.parse(fs.readFileSync(report, 'utf8'));
  } catch {
    /* jest crashed before writing its report */
  }
  if (!summary) return;
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(`\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

main();
