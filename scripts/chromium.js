/*
 * Which Chromium the browser tests drive: CHROMIUM_PATH, else the system's (Debian's `chromium`), else
 * the one shipped inside the @sparticuz/chromium npm package, unpacked into the temp folder with the
 * few shared libraries it needs, so `npm install && npm test` needs no system browser. Never downloads.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function systemChromium() {
  return SYSTEM_PATHS.find((candidate) => fs.existsSync(candidate)) ?? null;
}

/**
 * The package unpacks its libraries (expat, nss) only on Amazon Linux; a bare Debian or Ubuntu lacks
 * libexpat too, so they are unpacked here beside the binary and handed to the browser alone
 * (LD_LIBRARY_PATH on its process, not on the tests').
 */
function unpackLibraries() {
  const target = path.join(os.tmpdir(), 'email-notifications-chromium');
  const marker = path.join(target, 'lib', 'libexpat.so.1');
  if (fs.existsSync(marker)) return path.join(target, 'lib');
  // The package exports only its code (build/cjs/index.cjs); its archives sit in bin/ beside build/.
  const archive = path.join(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..', 'bin', 'al2023.tar.br');
  fs.mkdirSync(target, { recursive: true });
  const tar = spawnSync('tar', ['-x', '-C', target], { input: zlib.brotliDecompressSync(fs.readFileSync(archive)) });
  if (tar.status !== 0) throw new Error(`Could not unpack Chromium's libraries: ${tar.stderr}`);
  return path.join(target, 'lib');
}

async function bundledChromium() {
  let Chromium;
  try {
    Chromium = require('@sparticuz/chromium');
  } catch {
    return null;
  }
  const executablePath = await (Chromium.default ?? Chromium).executablePath();
  return { executablePath, source: 'bundled', libraryPath: unpackLibraries() };
}

/** Resolves `{ executablePath, source, libraryPath }`, or null when no Chromium can be found. */
async function resolveChromium({ allowSystem = true } = {}) {
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, source: 'CHROMIUM_PATH', libraryPath: null };
  const system = allowSystem ? systemChromium() : null;
  if (system) return { executablePath: system, source: 'system', libraryPath: null };
  return bundledChromium();
}

/** The environment variables that tell tests/helpers/browser.ts which Chromium to launch. */
function chromiumEnv(resolved) {
  return { CHROMIUM_PATH: resolved.executablePath, ...(resolved.libraryPath ? { CHROMIUM_LIBRARY_PATH: resolved.libraryPath } : {}) };
}

module.exports = { resolveChromium, bundledChromium, chromiumEnv };
