/*
 * The only code that reads and writes worker rows: each instance's delivery worker writes a
 * heartbeat, so the admin can see which instances are sending and when one went quiet, and other
 * instances can tell when one is gone. It also looks at this host's processes (which worker processes
 * have exited); whether a worker is gone is decided in core/outbox/worker-liveness, not here.
 */
import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { WORKER_UID } from '../content-types/uids';
import type { LocalView } from '../core/outbox/worker-liveness';

export interface WorkerRow {
  instanceId: string;
  hostname: string;
  hostKey: string | null;
  pid: number;
  startedAt: string;
  lastBeatAt: string;
  stoppedAt?: string | null;
  sentCount: number;
  failedCount: number;
}

const WORKER_FIELDS = ['instanceId', 'hostname', 'hostKey', 'pid', 'startedAt', 'lastBeatAt', 'sentCount', 'failedCount'];

/**
 * One value for the processes that can see each other's process ids: the host name, plus on Linux the
 * boot and the process-id namespace (containers sharing a host name, as with host networking, differ).
 * Null when Linux does not tell them: then no worker is judged by its process, only by its heartbeat.
 */
function readHostKey(): string | null {
  const parts = [os.hostname()];
  if (process.platform === 'linux') {
    try {
      parts.push(fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), fs.readlinkSync('/proc/self/ns/pid'));
    } catch {
      return null;
    }
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

const host = { key: readHostKey(), processStartedAt: Date.now() - Math.round(process.uptime() * 1000) };

export async function recordHeartbeat(strapi: Core.Strapi, instanceId: string, counters: { sent: number; failed: number }) {
  const query = strapi.db.query(WORKER_UID);
  const now = new Date();
  const data = { lastBeatAt: now, stoppedAt: null, sentCount: counters.sent, failedCount: counters.failed };
  const existing = await query.findOne({ where: { instanceId }, select: ['id'] });
  if (existing) await query.update({ where: { id: existing.id }, data });
  else await query.create({ data: { ...data, instanceId, hostname: os.hostname(), hostKey: host.key, pid: process.pid, startedAt: now } });
}

export async function recordWorkerStopped(strapi: Core.Strapi, instanceId: string) {
  await strapi.db.query(WORKER_UID).updateMany({ where: { instanceId }, data: { stoppedAt: new Date() } });
}

/** The workers that have not said they stopped, latest beat first (a dead one stops beating). */
export async function listRunningWorkers(strapi: Core.Strapi, limit = 50): Promise<WorkerRow[]> {
  return (await strapi.db.query(WORKER_UID).findMany({ where: { stoppedAt: { $null: true } }, select: WORKER_FIELDS, orderBy: [{ lastBeatAt: 'desc' }], limit })) as WorkerRow[];
}

/** The rows of these instances, stopped ones included. */
export async function findWorkers(strapi: Core.Strapi, instanceIds: string[]): Promise<WorkerRow[]> {
  if (!instanceIds.length) return [];
  return (await strapi.db.query(WORKER_UID).findMany({ where: { instanceId: { $in: instanceIds } }, select: [...WORKER_FIELDS, 'stoppedAt'] })) as WorkerRow[];
}

function processExited(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'; // EPERM: it exists, as another user
  }
}

/** What this process sees of its host for `workers`: which of their processes here have exited. */
export function localView(workers: Pick<WorkerRow, 'hostKey' | 'pid'>[]): LocalView | null {
  if (!host.key) return null;
  const pids = workers.filter((w) => w.hostKey === host.key && Number.isInteger(w.pid) && w.pid > 0 && w.pid !== process.pid).map((w) => w.pid);
  return { hostKey: host.key, pid: process.pid, processStartedAt: host.processStartedAt, exitedPids: new Set(pids.filter(processExited)) };
}
