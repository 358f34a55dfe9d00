/*
 * The log-to-file action: one JSON line per run, appended to a file inside `events.logDirectory` (a
 * plain file name only; the real path must stay inside the directory), with size-based rotation
 * (file.log → file.log.1 …). Runs in one process write one at a time per file; it never deletes
 * anything but the oldest rotated file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ActionOutcome, ActionRun } from '../../core/events/event-types';

export const DEFAULT_LOG_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 5;
const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

export interface LogActionDeps {
  logDirectory: string | null;
  /** Rotate when a line would take the file past this size (default 10 MB). */
  maxBytes?: number;
  /** Rotated files kept: file.1 (newest) … file.N (default 5). */
  keep?: number;
  now?: () => Date;
}

type Target = { path: string } | { refused: string };

/** Where a rule's `file` lands, or why it may not: plain name, and a real path inside the directory. */
export async function logTarget(directory: string, file: string): Promise<Target> {
  if (path.isAbsolute(file) || /[\\/]/.test(file)) return { refused: `"${file}" must be a plain file name inside events.logDirectory, without a directory or an absolute path` };
  if (!FILE_NAME.test(file) || file.includes('..')) return { refused: `"${file}" is not a usable file name; use letters, digits, ".", "_" and "-" (no "..")` };
  await fs.mkdir(directory, { recursive: true });
  const root = await fs.realpath(directory);
  const wanted = path.join(root, file);
  let real: string;
  try {
    real = await fs.realpath(wanted);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // A dangling symbolic link would be followed by the append: refuse it too.
    if (await fs.lstat(wanted).then((s) => s.isSymbolicLink(), () => false)) return { refused: `"${file}" is a symbolic link to a missing file; remove it from events.logDirectory` };
    return { path: wanted };
  }
  if (!real.startsWith(root + path.sep)) return { refused: `"${file}" is a symbolic link to ${real}, outside events.logDirectory; remove the link` };
  return { path: real };
}

/** The line of one run: when, which rule and action, the event and the folded count. */
export function logLine(run: ActionRun, now: Date): string {
  const entry = { at: now.toISOString(), runId: run.runId, attempt: run.attempt, rule: run.rule, actionIndex: run.actionIndex, test: run.event.test, folded: run.folded, event: run.event };
  return `${JSON.stringify(entry)}\n`;
}

async function rotate(file: string, keep: number): Promise<void> {
  await fs.rm(`${file}.${keep}`, { force: true });
  for (let n = keep - 1; n >= 1; n -= 1) {
    await fs.rename(`${file}.${n}`, `${file}.${n + 1}`).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  await fs.rename(file, `${file}.1`);
}

export function createLogAction(deps: LogActionDeps) {
  const maxBytes = deps.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const keep = Math.max(1, deps.keep ?? DEFAULT_LOG_KEEP);
  const now = deps.now ?? (() => new Date());
  /** One chain per file: a rotation never races an append of this process. */
  const queues = new Map<string, Promise<unknown>>();

  function serialised<T>(file: string, work: () => Promise<T>): Promise<T> {
    const next = (queues.get(file) ?? Promise.resolve()).then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(file, settled);
    void settled.then(() => queues.get(file) === settled && queues.delete(file));
    return next;
  }

  async function append(file: string, line: string): Promise<void> {
    const size = await fs.stat(file).then((s) => s.size, () => 0);
    if (size > 0 && size + Buffer.byteLength(line) > maxBytes) await rotate(file, keep);
    await fs.appendFile(file, line, { encoding: 'utf8', mode: 0o640 });
  }

  return async function runLog(run: ActionRun): Promise<ActionOutcome> {
    if (run.action.type !== 'log') return { ok: false, retryable: false, error: `a ${run.action.type} action was handed to the log handler` };
    if (!deps.logDirectory) return { ok: false, retryable: false, error: 'log actions are off: set events.logDirectory in the plugin options' };
    const { file } = run.action;
    try {
      const target = await logTarget(deps.logDirectory, file);
      if ('refused' in target) return { ok: false, retryable: false, error: `refused: ${target.refused}` };
      await serialised(target.path, () => append(target.path, logLine(run, now())));
      return { ok: true, detail: `written to ${file}` };
    } catch (error) {
      return { ok: false, retryable: true, error: `could not write ${file}: ${(error as Error).message}` };
    }
  };
}
