/*
 * SMTP events for one Strapi instance, wired together: the rule store and catalog, the frequency
 * windows, the recorder fed by the outbox's results, and the action runner that claims queued runs and
 * hands each to its action handler (events/actions/), with retries and backoff. Built by runtime.ts.
 */
import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { PluginConfig } from '../config/schema';
import { decideAfterAttempt, outcomeOfThrow } from '../core/events/action-run-lifecycle';
import type { ActionOutcome, ActionRun } from '../core/events/event-types';
import { OPTIONS_ID_PREFIX, parseOptionsRules, type OptionsRule } from '../core/events/options-rules';
import type { Notifications } from '../notifications/notifications';
import type { RecipientResolver } from '../rules/recipient-resolver';
import { createActionHandlers, type ActionSecrets } from './actions/action-handlers';
import { createEventProviderRegistry } from './actions/event-providers';
import { createActionRunRepository, type ActionRunRow } from './action-run-repository';
import { createActionRunner, type ActionRunner } from './action-runner';
import { createEventRecorder, type ActiveEventRule } from './event-recorder';
import { createEventRuleCatalog } from './event-rule-catalog';
import { createEventRuleStore } from './event-rule-store';
import { createFrequencyWindows } from './frequency-windows';
import { createWebhookSecrets } from './webhook-secrets';

export interface SmtpEventsDeps {
  strapi: Core.Strapi;
  config(): PluginConfig;
  notifications: Pick<Notifications, 'send'>;
  resolvers: Map<string, RecipientResolver>;
}

const STOP_TIMEOUT_MS = 10_000;

export function createSmtpEvents(deps: SmtpEventsDeps) {
  const { strapi } = deps;
  const options = () => deps.config().events;
  const log = strapi.log;
  const instanceId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const store = createEventRuleStore(strapi);
  const runs = createActionRunRepository(strapi);
  const windows = createFrequencyWindows(strapi, runs);
  const secrets = createWebhookSecrets(strapi);
  const providers = createEventProviderRegistry();
  let optionsRules: OptionsRule[] | null = null;
  const declared = () => (optionsRules ??= parseOptionsRules(options().rules));
  let runner: ActionRunner | null = null;
  const wake = () => runner?.wake();

  async function activeRules(): Promise<ActiveEventRule[]> {
    const stored = (await store.enabled()).map((row) => ({ key: String(row.id), rule: row.definition }));
    const fromOptions = declared().filter((r) => r.rule.enabled).map((r) => ({ key: `${OPTIONS_ID_PREFIX}${r.rule.name}`, rule: r.rule }));
    return [...fromOptions, ...stored];
  }

  const recorder = createEventRecorder({
    rules: activeRules,
    windows,
    onQueued: wake,
    onError: (error, where) => log.error(`[email-notifications] recording an SMTP event failed (${where}): ${(error as Error)?.message ?? String(error)}`),
  });

  const catalog = createEventRuleCatalog({
    store,
    optionsRules: declared,
    runs,
    windows,
    secrets,
    providerNames: () => providers.names(),
    logDirectoryConfigured: () => !!options().logDirectory,
    onQueued: wake,
  });

  async function secretsOf(ruleKey: string): Promise<ActionSecrets> {
    if (ruleKey.startsWith(OPTIONS_ID_PREFIX)) {
      return { webhookSecret: declared().find((r) => `${OPTIONS_ID_PREFIX}${r.rule.name}` === ruleKey)?.webhookSecret ?? null };
    }
    const row = await store.find(Number(ruleKey));
    return { webhookSecret: row.webhookSecret ? secrets.open(row.webhookSecret) : null };
  }

  const toRun = (row: ActionRunRow): ActionRun => ({
    runId: row.runId,
    attempt: row.attempts + 1,
    rule: { id: row.ruleKey.startsWith(OPTIONS_ID_PREFIX) ? null : Number(row.ruleKey), name: row.ruleName },
    actionIndex: row.actionIndex,
    action: row.action,
    event: row.event,
    folded: row.folded,
  });

  function startRunner() {
    const opts = options();
    const handlers = createActionHandlers({
      strapi,
      allowedHosts: opts.allowedHosts,
      logDirectory: opts.logDirectory ?? null,
      providers,
      timeoutMs: opts.webhookTimeoutMs,
      notifications: deps.notifications,
      resolvers: deps.resolvers,
    });
    runner = createActionRunner<ActionRunRow, ActionOutcome>(
      {
        claim: (limit) => runs.claimDue(instanceId, limit, new Date(), opts.leaseMs),
        run: async (row) => handlers[row.actionType](toRun(row), await secretsOf(row.ruleKey)),
        runFailed: (_row, error) => outcomeOfThrow(error),
        async complete(row, outcome) {
          const now = new Date();
          const decision = decideAfterAttempt(outcome, row.attempts + 1, now, opts, Math.random);
          await runs.complete(row, decision, now);
          if (decision.transition !== 'markSucceeded') log.warn(`[email-notifications] smtp event action ${row.actionType} of rule "${row.ruleName}" run=${row.runId} attempt=${row.attempts + 1}: ${decision.error} (${decision.transition === 'scheduleRetry' ? `retry at ${decision.nextAttemptAt?.toISOString()}` : 'failed'})`);
        },
        release: async (rows) => void (await runs.releaseHeld(rows, new Date())),
        async maintenance(held) {
          const now = new Date();
          await runs.renewLeases(held, now, opts.leaseMs);
          await runs.reclaimExpired(now);
        },
        onError: (error, where) => log.error(`[email-notifications] smtp event runner ${where} failed: ${(error as Error)?.message ?? String(error)}`),
      },
      { concurrency: opts.concurrency, pollIntervalMs: opts.pollIntervalMs, maintenanceIntervalMs: Math.max(1000, Math.floor(opts.leaseMs / 3)), stopTimeoutMs: STOP_TIMEOUT_MS },
    );
    runner.start();
  }

  return {
    recorder,
    catalog,
    providers,
    /** Web-hook secrets under the current encryption key, then the runner (when enabled here). */
    async start() {
      for (const row of await store.list()) {
        const again = row.webhookSecret ? secrets.reencrypt(row.webhookSecret) : null;
        if (again) await store.setSecret(row.id, again);
      }
      if (options().runnerEnabled) startRunner();
    },
    /** Events still being recorded are finished, then in-flight runs finish (or are released). */
    async stop() {
      await recorder.idle();
      await runner?.stop();
      runner = null;
    },
  };
}

export type SmtpEvents = ReturnType<typeof createSmtpEvents>;
