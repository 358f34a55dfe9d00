/* Outbox helpers for integration tests: fast delivery settings and waiting for messages to settle. */

/** Plugin options that make retries and polling quick enough for tests. */
export const FAST_DELIVERY = {
  delivery: {
    deliveryDelaySeconds: 0,
    pollIntervalMs: 50,
    backoffBaseMs: 100,
    backoffMaxMs: 400,
    flushIntervalMs: 20,
    heartbeatIntervalMs: 1000,
    circuitBreakMs: 500,
    circuitBreakMaxMs: 2000,
  },
  smtpTimeouts: { connectionTimeoutMs: 2000, greetingTimeoutMs: 2000, socketTimeoutMs: 5000 },
};

export function pluginConfigEnv(config: Record<string, unknown>) {
  return { PLAYGROUND_PLUGIN_CONFIG: JSON.stringify(config) };
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as T;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(last)})`);
}

export async function messageRows(strapi: any, where: Record<string, unknown> = {}) {
  return strapi.db.query('plugin::email-notifications.message').findMany({ where, orderBy: [{ id: 'asc' }] });
}

/** Resolves when no message is sending or due (queued for later, e.g. with a delay, does not count). */
export async function waitForSettled(strapi: any, timeoutMs = 30000) {
  return waitFor(async () => {
    const open = await strapi.db.query('plugin::email-notifications.message').count({
      where: { $or: [{ status: 'sending' }, { status: 'queued', nextAttemptAt: { $lte: new Date(Date.now() + 5000) } }] },
    });
    return open === 0;
  }, timeoutMs, 100);
}

/** The default-mailbox URL for an in-process SMTP sink (plain SMTP on loopback). */
export function sinkUrl(port: number, from = 'helpdesk@example.com', name?: string): string {
  return `smtp://127.0.0.1:${port}?security=none&from=${from}${name ? `&name=${encodeURIComponent(name)}` : ''}`;
}
