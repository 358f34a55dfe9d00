/*
 * Playground instances in child processes (several Strapi instances on one database, or one to kill
 * with SIGKILL mid-send). Each inherits a playground environment and reports READY when it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, playgroundEnv, startPlayground, type Playground } from './playground';

export interface ChildInstance {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** `readyTimeoutMs`: how long a start may take (a busy machine starts Strapi slowly). */
export async function spawnInstance(databaseFile: string, env: Record<string, string | undefined>, readyTimeoutMs = 90_000): Promise<ChildInstance> {
  const port = await freePort();
  const fullEnv = { ...process.env, ...playgroundEnv(port, databaseFile, env) };
  for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
  const child = spawn(process.execPath, [path.join(__dirname, 'run-instance.js')], { env: fullEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start in ${readyTimeoutMs / 1000} s:\n${output}`)), readyTimeoutMs);
    const check = () => {
      if (output.includes('READY')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface ThreeInstances {
  /** The instance in this process (it created the schema); the other two are child processes. */
  inProcess: Playground;
  children: ChildInstance[];
  stop(): Promise<void>;
}

/** Three instances on one database: the first, in process, creates the schema; the others then start on it together. */
export async function startThreeInstances(env: Record<string, string | undefined>): Promise<ThreeInstances> {
  const inProcess = await startPlayground({ env });
  const children = await Promise.all([spawnInstance('unused.db', env), spawnInstance('unused.db', env)]);
  return {
    inProcess,
    children,
    async stop() {
      await Promise.all(children.map((c) => c.stop()));
      await inProcess.stop();
    },
  };
}
