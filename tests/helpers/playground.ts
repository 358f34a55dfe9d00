/*
 * Boots the real playground Strapi (with the built plugin) on a fresh SQLite file in a temp dir and a
 * free port, for integration and browser tests. One instance per test file; `stop()` cleans up.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const PLAYGROUND_DIR = path.join(REPO_ROOT, 'playground');
export const TEST_ENCRYPTION_KEY = 'test-encryption-key-0123456789abcdef';

export interface Playground {
  strapi: any;
  url: string;
  tmpDir: string;
  databaseFile: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** Extra environment (e.g. EMAIL_NOTIFICATIONS_SMTP_URL); set before Strapi loads its config. */
  env?: Record<string, string | undefined>;
  /** Serve the built admin panel (needs `strapi build` of the playground first). */
  serveAdminPanel?: boolean;
  /** Reuse a database file (restart tests); default a fresh one. */
  databaseFile?: string;
}

/** The environment a playground instance needs: fresh secrets for tests, a database, a port. */
export function playgroundEnv(port: number, databaseFile: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_KEYS: 'testKeyA,testKeyB',
    API_TOKEN_SALT: 'test-api-token-salt',
    ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
    TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
    JWT_SECRET: 'test-jwt-secret',
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_STARTUP_MESSAGE: 'false',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: databaseFile,
    EMAIL_NOTIFICATIONS_SMTP_URL: undefined,
    PLAYGROUND_SEED: 'false',
    ...extra,
  };
}

export async function startPlayground(options: StartOptions = {}): Promise<Playground> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-playground-'));
  const databaseFile = options.databaseFile ?? path.join(tmpDir, 'data.db');
  const port = await freePort();
  const env = playgroundEnv(port, databaseFile, options.env);
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }

  // Strapi's destroy() removes every process listener, jest's included: keep and restore them.
  const saved = saveProcessListeners();
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIR, serveAdminPanel: !!options.serveAdminPanel });
  strapi.log.level = env.STRAPI_LOG_LEVEL ?? 'error';
  try {
    // load() + listen() rather than start(): start() turns a failed boot into process.exit(1).
    await strapi.load();
    await strapi.listen();
  } catch (error) {
    // A boot that failed in bootstrap has opened the database and more: close what it opened.
    // Strapi also finishes a few lazy imports: let them settle before the test file ends.
    if (strapi.db) await strapi.destroy().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    restoreProcessListeners(saved);
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
  restoreProcessListeners(saved);

  return {
    strapi,
    // env.PORT: a test may choose the port itself (to know its public URL before the start).
    url: `http://127.0.0.1:${env.PORT}`,
    tmpDir,
    databaseFile,
    async stop() {
      const listeners = saveProcessListeners();
      await strapi.destroy();
      restoreProcessListeners(listeners);
      if (!options.databaseFile) fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

type ListenerMap = Map<string | symbol, ((...args: unknown[]) => void)[]>;

function saveProcessListeners(): ListenerMap {
  const map: ListenerMap = new Map();
  for (const event of process.eventNames()) map.set(event, process.listeners(event as NodeJS.Signals) as never);
  return map;
}

function restoreProcessListeners(map: ListenerMap) {
  for (const [event, listeners] of map) {
    const current = process.listeners(event as NodeJS.Signals);
    for (const listener of listeners) if (!current.includes(listener as never)) process.on(event as NodeJS.Signals, listener as never);
  }
}
