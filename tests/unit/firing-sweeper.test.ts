/*
 * The firing sweep with plain injected functions: it sweeps on its timer, never two sweeps at once,
 * removes finished firings at its own slower pace, keeps going after a failing step, and stop()
 * waits for the sweep under way.
 */
import { createFiringSweeper } from '../../server/src/rules/firing-sweeper';

function setup(opts: { finishMs?: number; failFinish?: boolean; cleanUpIntervalMs?: number } = {}) {
  let clock = 1_000_000;
  const sweeps: number[] = [];
  const cleanUps: number[] = [];
  const errors: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const sweeper = createFiringSweeper(
    {
      finishAbandoned: async (now) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        sweeps.push(now.getTime());
        await new Promise((r) => setTimeout(r, opts.finishMs ?? 0));
        running -= 1;
        if (opts.failFinish) throw new Error('database gone');
        return 0;
      },
      removeFinished: async (now) => void cleanUps.push(now.getTime()),
      now: () => new Date(clock),
      onError: (error, where) => void errors.push(`${where}: ${(error as Error).message}`),
    },
    { intervalMs: 20, cleanUpIntervalMs: opts.cleanUpIntervalMs ?? 1000 },
  );
  return { sweeper, sweeps, cleanUps, errors, maxRunning: () => maxRunning, advance: (ms: number) => (clock += ms) };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('sweeps on its timer until stopped', async () => {
  const t = setup();
  t.sweeper.start();
  await wait(150);
  await t.sweeper.stop();
  const count = t.sweeps.length;
  expect(count).toBeGreaterThanOrEqual(3);
  await wait(80);
  expect(t.sweeps.length).toBe(count);
});

it('runs one sweep at a time, and a second call joins the one under way', async () => {
  const t = setup({ finishMs: 60 });
  t.sweeper.start();
  await Promise.all([t.sweeper.sweep(), t.sweeper.sweep()]);
  await wait(100);
  await t.sweeper.stop();
  expect(t.maxRunning()).toBe(1);
});

it('removes finished firings at the first sweep, then once per clean-up interval', async () => {
  const t = setup({ cleanUpIntervalMs: 1000 });
  await t.sweeper.sweep();
  t.advance(500);
  await t.sweeper.sweep();
  t.advance(600);
  await t.sweeper.sweep();
  expect(t.sweeps).toHaveLength(3);
  expect(t.cleanUps).toEqual([1_000_000, 1_001_100]);
});

it('reports a failing sweep and still cleans up and sweeps again', async () => {
  const t = setup({ failFinish: true });
  await t.sweeper.sweep();
  await t.sweeper.sweep();
  expect(t.errors).toEqual(['finishAbandoned: database gone', 'finishAbandoned: database gone']);
  expect(t.cleanUps).toHaveLength(1);
  expect(t.sweeps).toHaveLength(2);
});

it('stop() waits for the sweep under way', async () => {
  const t = setup({ finishMs: 80 });
  const sweep = t.sweeper.sweep();
  let done = false;
  void sweep.then(() => (done = true));
  await t.sweeper.stop();
  expect(done).toBe(true);
});
