/*
 * The log-to-file action on a real temp directory: one JSON line per run, the directory guard (no
 * directory, `../x`, absolute paths, symbolic links out), size-based rotation keeping N files, and
 * concurrent runs in one process that neither lose nor mix lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionRun } from '../../server/src/core/events/event-types';
import { createLogAction } from '../../server/src/events/actions/log-action';

function run(file: string, runId = 'run_1'): ActionRun {
  return {
    runId,
    attempt: 1,
    rule: { id: 4, name: 'Log final failures' },
    actionIndex: 1,
    action: { type: 'log', file },
    event: {
      id: 'evt_9', type: 'connection-failed', at: '2025-03-04T14:05:00.000Z', test: true,
      mailbox: { id: 2, name: 'Sales', emailAddress: 'sales@example.com' },
      server: { protocol: 'smtp', host: 'smtp.example.com', port: 465, ssl: true, requiresAuth: true },
      customerEmail: null, message: null, smtp: { code: null, response: null },
      explanation: 'The server did not answer on port 465.',
    },
    folded: { count: 3, firstAt: '2025-03-04T14:05:00.000Z', lastAt: '2025-03-04T14:07:00.000Z' },
  };
}

describe('log-to-file action', () => {
  let dir: string;
  let outside: string;
  beforeEach(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'en-log-'));
    dir = path.join(base, 'logs');
    outside = path.join(base, 'outside');
    fs.mkdirSync(outside);
  });
  const now = () => new Date('2025-03-04T14:08:00.000Z');

  it('writes one JSON line per run, creating the directory', async () => {
    const log = createLogAction({ logDirectory: dir, now });
    expect(await log(run('smtp-events.log', 'run_1'))).toEqual({ ok: true, detail: 'written to smtp-events.log' });
    expect(await log(run('smtp-events.log', 'run_2'))).toMatchObject({ ok: true });
    const lines = fs.readFileSync(path.join(dir, 'smtp-events.log'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ at: '2025-03-04T14:08:00.000Z', runId: 'run_1', rule: { name: 'Log final failures' }, test: true, folded: { count: 3 }, event: { type: 'connection-failed', mailbox: { name: 'Sales' } } });
    expect(lines[1].runId).toBe('run_2');
  });

  it('is refused, with the fix, when no directory is configured', async () => {
    expect(await createLogAction({ logDirectory: null })(run('smtp-events.log'))).toEqual({ ok: false, retryable: false, error: 'log actions are off: set events.logDirectory in the plugin options' });
  });

  it.each(['../x', '../../etc/passwd', '/tmp/abs.log', 'sub/file.log', '..', 'a..b', '.hidden'])('refuses the file name %p and writes nothing outside', async (file) => {
    const outcome = await createLogAction({ logDirectory: dir })(run(file));
    expect(outcome).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/^refused: /) });
    expect(fs.readdirSync(path.dirname(dir)).sort()).toEqual(fs.existsSync(dir) ? ['logs', 'outside'] : ['outside']);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('refuses a symbolic link that leads out of the directory, follows one that stays inside', async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join(outside, 'stolen.log'), path.join(dir, 'dangling.log'));
    fs.writeFileSync(path.join(outside, 'target.log'), '');
    fs.symlinkSync(path.join(outside, 'target.log'), path.join(dir, 'escape.log'));
    fs.writeFileSync(path.join(dir, 'real.log'), '');
    fs.symlinkSync('real.log', path.join(dir, 'alias.log'));
    const log = createLogAction({ logDirectory: dir });
    expect(await log(run('escape.log'))).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('outside events.logDirectory') });
    expect(await log(run('dangling.log'))).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('symbolic link') });
    expect(fs.readFileSync(path.join(outside, 'target.log'), 'utf8')).toBe('');
    expect(fs.existsSync(path.join(outside, 'stolen.log'))).toBe(false);
    expect(await log(run('alias.log'))).toMatchObject({ ok: true });
    expect(fs.readFileSync(path.join(dir, 'real.log'), 'utf8')).toContain('"runId":"run_1"');
  });

  it('also stays inside when the directory itself is reached through a symbolic link', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const linked = path.join(path.dirname(dir), 'linked-logs');
    fs.symlinkSync(dir, linked);
    expect(await createLogAction({ logDirectory: linked })(run('via-link.log'))).toMatchObject({ ok: true });
    expect(fs.existsSync(path.join(dir, 'via-link.log'))).toBe(true);
  });

  it('rotates by size, keeping the given number of files, newest first', async () => {
    // A line is about 600 bytes: two lines per file.
    const log = createLogAction({ logDirectory: dir, maxBytes: 1500, keep: 2, now });
    for (let i = 1; i <= 8; i += 1) expect(await log(run('r.log', `run_${i}`))).toMatchObject({ ok: true });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['r.log', 'r.log.1', 'r.log.2']);
    const ids = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).runId);
    for (const name of files) expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(1500);
    const newest = ids('r.log');
    expect(newest[newest.length - 1]).toBe('run_8');
    // Rotated files hold the older lines, in order, with nothing in between lost.
    const kept = [...ids('r.log.2'), ...ids('r.log.1'), ...newest];
    expect(kept).toEqual(kept.map((_, i) => `run_${8 - kept.length + 1 + i}`));
    expect(kept.length).toBeLessThan(8);
  });

  it('keeps every line whole when many runs write and rotate at the same time', async () => {
    const log = createLogAction({ logDirectory: dir, maxBytes: 20_000, keep: 50 });
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => log(run('busy.log', `run_${i}`))));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const all = fs.readdirSync(dir).flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').trimEnd().split('\n'));
    expect(fs.readdirSync(dir).length).toBeGreaterThan(1);
    expect(new Set(all.map((l) => JSON.parse(l).runId)).size).toBe(60);
  });
});
