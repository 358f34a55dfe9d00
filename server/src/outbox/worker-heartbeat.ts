/*
 * The only code that reads and writes worker rows: each instance's delivery worker writes a
 * heartbeat, so the admin can see which instances are sending and when one went quiet.
 */
import type { Core } from '@strapi/strapi';
import os from 'node:os';
import { WORKER_UID } from '../content-types/uids';


export async function recordHeartbeat(strapi: Core.Strapi, instanceId: string, counters: { sent: number; failed: number }) {
  const query = strapi.db.query(WORKER_UID);
  const now = new Date();
  const data = { lastBeatAt: now, stoppedAt: null, sentCount: counters.sent, failedCount: counters.failed };
  const existing = await query.findOne({ where: { instanceId }, select: ['id'] });
  if (existing) await query.update({ where: { id: existing.id }, data });
  else await query.create({ data: { ...data, instanceId, hostname: os.hostname(), pid: process.pid, startedAt: now } });
}

export async function recordWorkerStopped(strapi: Core.Strapi, instanceId: string) {
  await strapi.db.query(WORKER_UID).updateMany({ where: { instanceId }, data: { stoppedAt: new Date() } });
}

export interface WorkerRow {
  instanceId: string;
  hostname: string;
  pid: number;
  startedAt: string;
  lastBeatAt: string;
  sentCount: number;
  failedCount: number;
}

/** The workers that have not said they stopped, latest beat first (a dead one stops beating). */
export async function listRunningWorkers(strapi: Core.Strapi, limit = 50): Promise<WorkerRow[]> {
  const select = ['instanceId', 'hostname', 'pid', 'startedAt', 'lastBeatAt', 'sentCount', 'failedCount'];
  return (await strapi.db.query(WORKER_UID).findMany({ where: { stoppedAt: { $null: true } }, select, orderBy: [{ lastBeatAt: 'desc' }], limit })) as WorkerRow[];
}
