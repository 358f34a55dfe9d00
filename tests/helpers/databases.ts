/*
 * Throw-away PostgreSQL and MariaDB databases for the multi-instance tests, on the servers of the
 * development and CI machines (127.0.0.1, trust/empty-password root). Without a server, the test
 * says why it does not run; with REQUIRE_DATABASES=1 (set by .ci/run) a missing server is a failure.
 */
import { randomBytes } from 'node:crypto';

export interface TestDatabase {
  client: 'postgres' | 'mysql';
  name: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export type DatabaseAvailability = { ok: true; create(): Promise<TestDatabase> } | { ok: false; reason: string };

const required = () => process.env.REQUIRE_DATABASES === '1';

export async function postgres(): Promise<DatabaseAvailability> {
  const { Client } = require('pg');
  const connect = async (database = 'postgres') => {
    const client = new Client({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', password: process.env.PGPASSWORD ?? '', database });
    await client.connect();
    return client;
  };
  try {
    const admin = await connect();
    await admin.end();
  } catch (error) {
    return unavailable('PostgreSQL', error);
  }
  return {
    ok: true,
    async create() {
      const name = `en_test_${randomBytes(4).toString('hex')}`;
      const admin = await connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      return {
        client: 'postgres',
        name,
        env: { DATABASE_CLIENT: 'postgres', DATABASE_NAME: name, DATABASE_HOST: process.env.PGHOST ?? '127.0.0.1', DATABASE_PORT: process.env.PGPORT ?? '5432', DATABASE_USERNAME: process.env.PGUSER ?? 'postgres', DATABASE_PASSWORD: process.env.PGPASSWORD ?? '' },
        async drop() {
          const again = await connect();
          await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await again.end();
        },
      };
    },
  };
}

export async function mariadb(): Promise<DatabaseAvailability> {
  const mysql = require('mysql2/promise');
  const connect = () => mysql.createConnection({ host: process.env.MYSQL_HOST ?? '127.0.0.1', port: Number(process.env.MYSQL_PORT ?? 3306), user: process.env.MYSQL_USER ?? 'root', password: process.env.MYSQL_PASSWORD ?? '' });
  try {
    const admin = await connect();
    await admin.end();
  } catch (error) {
    return unavailable('MariaDB/MySQL', error);
  }
  return {
    ok: true,
    async create() {
      const name = `en_test_${randomBytes(4).toString('hex')}`;
      const admin = await connect();
      await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await admin.end();
      return {
        client: 'mysql',
        name,
        env: { DATABASE_CLIENT: 'mysql', DATABASE_NAME: name, DATABASE_HOST: process.env.MYSQL_HOST ?? '127.0.0.1', DATABASE_PORT: process.env.MYSQL_PORT ?? '3306', DATABASE_USERNAME: process.env.MYSQL_USER ?? 'root', DATABASE_PASSWORD: process.env.MYSQL_PASSWORD ?? '' },
        async drop() {
          const again = await connect();
          await again.query(`DROP DATABASE IF EXISTS ${name}`);
          await again.end();
        },
      };
    },
  };
}

function unavailable(name: string, error: unknown): DatabaseAvailability {
  const reason = `${name} is not reachable (${(error as Error).message})`;
  if (required()) throw new Error(`${reason}, and REQUIRE_DATABASES=1 says it must be`);
  return { ok: false, reason };
}

/**
 * Synchronous reachability check, so a test file can decide at definition time whether its
 * database cases run (jest defines tests synchronously). Returns null when reachable, else the reason.
 */
export function probeDatabasesSync(): { postgres: string | null; mysql: string | null } {
  const { spawnSync } = require('node:child_process');
  const script = `
    const out = {};
    const pg = new (require('pg').Client)({ host: process.env.PGHOST || '127.0.0.1', port: Number(process.env.PGPORT || 5432), user: process.env.PGUSER || 'postgres', password: process.env.PGPASSWORD || '', database: 'postgres', connectionTimeoutMillis: 3000 });
    pg.connect().then(() => pg.end()).then(() => (out.postgres = null), (e) => (out.postgres = 'PostgreSQL is not reachable (' + e.message + ')'))
      .then(() => require('mysql2/promise').createConnection({ host: process.env.MYSQL_HOST || '127.0.0.1', port: Number(process.env.MYSQL_PORT || 3306), user: process.env.MYSQL_USER || 'root', password: process.env.MYSQL_PASSWORD || '', connectTimeout: 3000 }))
      .then((c) => c.end().then(() => (out.mysql = null)), (e) => (out.mysql = 'MariaDB/MySQL is not reachable (' + e.message + ')'))
      .then(() => process.stdout.write(JSON.stringify(out)));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 15000, cwd: __dirname });
  let parsed: { postgres: string | null; mysql: string | null };
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    parsed = { postgres: `could not probe PostgreSQL (${result.stderr || 'no output'})`, mysql: `could not probe MariaDB (${result.stderr || 'no output'})` };
  }
  if (required()) {
    const missing = [parsed.postgres, parsed.mysql].filter(Boolean);
    if (missing.length) throw new Error(`${missing.join('; ')}; REQUIRE_DATABASES=1 says they must be reachable`);
  }
  return parsed;
}
