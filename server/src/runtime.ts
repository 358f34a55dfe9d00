/*
 * The composition root: builds every part of the plugin for one Strapi instance and wires them
 * together (stores, the outbox with its worker, templates, notifications, the rule engine with its
 * scheduler and firing sweep), then starts and stops them. Domain modules never reach for each other through
 * Strapi's service registry and never import this file; services, register, bootstrap and destroy do.
 */
import type { Core } from '@strapi/strapi';
import { getPluginConfig } from './config/plugin-config';
import { createMailboxProbe } from './mailboxes/mailbox-probe';
import { createMailboxStore } from './mailboxes/mailbox-store';
import { findRegistered } from './mailboxes/registered-recipients';
import { createNotifications } from './notifications/notifications';
import { createHealthReport } from './outbox/health-report';
import { createMessageAdmin } from './outbox/message-admin';
import { createMessageQueries } from './outbox/message-queries';
import { createMessageRepository } from './outbox/message-repository';
import { createOutbox } from './outbox/outbox';
import { recordFields } from './records/record-context';
import { createTaskGroupStore } from './routing/task-group-store';
import { createSmtpEvents } from './events/smtp-events';
import { createCustomEvents } from './rules/custom-events';
import { fireStore } from './rules/fire-store';
import { createFiringSweeper } from './rules/firing-sweeper';
import { floodState } from './rules/flood-state';
import { createProfileStore } from './rules/profile-store';
import type { RecipientResolver } from './rules/recipient-resolver';
import { createRuleCatalog } from './rules/rule-catalog';
import { createRecordFirings } from './rules/record-firings';
import { ruleDispatcher } from './rules/rule-dispatcher';
import { ruleEngine } from './rules/rule-engine';
import { ruleStore } from './rules/rule-store';
import { scheduler } from './rules/scheduler';
import { createSettingsStore } from './settings/settings-store';
import { createTemplateCatalog } from './templates/template-catalog';

/** How often the recipient history (flood caps, duplicate window) is pruned, and finished firings removed. */
const PRUNE_INTERVAL_MS = 10 * 60_000;

function createRuntime(strapi: Core.Strapi) {
  const config = () => getPluginConfig(strapi);
  const settings = createSettingsStore(strapi);
  const messages = { repository: createMessageRepository(strapi), queries: createMessageQueries(strapi) };
  // The stores announce changes to the outbox, which needs the stores: it is created right after them
  // (the callbacks run only later, once everything exists).
  const routingChanged = () => outbox.mailboxesChanged();
  const mailboxes = createMailboxStore(strapi, {
    onChanged: routingChanged,
    onRemoved: (documentId) => taskGroups.removeMailbox(documentId),
    sentCounts: (day, minute) => messages.queries.sentCountsByMailbox(day, minute),
  });
  const taskGroups = createTaskGroupStore(strapi, { mailboxes, onChanged: routingChanged });
  const outbox = createOutbox({
    strapi,
    config,
    ...messages,
    mailboxes,
    taskGroups,
    refreshSettings: () => settings.refresh(),
    recordFields: (ref) => recordFields(strapi, ref),
    findRegistered: (addresses) => findRegistered(strapi, addresses),
  });

  const rules = ruleStore(strapi);
  const fires = fireStore(strapi);
  const flood = floodState(strapi, mailboxes);
  const resolvers = new Map<string, RecipientResolver>();
  const templates = createTemplateCatalog(strapi, { rulesUsing: (name) => rules.usingTemplate(name) });
  const notifications = createNotifications(strapi, { outbox: outbox, templates });
  const dispatcher = ruleDispatcher(strapi, { store: rules, flood, resolvers, templates, notifications });
  const firings = createRecordFirings(strapi, { store: rules, fires, dispatcher });
  const engine = ruleEngine(strapi, { store: rules, dispatcher, firings });
  const sweeper = createFiringSweeper(
    {
      finishAbandoned: (now) => firings.finishAbandoned(now, config().rules.recoverFiringsAfterMs),
      removeFinished: (now) => firings.removeFinished(now),
      now: () => new Date(),
      onError: (error, where) => strapi.log.error(`[email-notifications] firing sweep (${where}): ${(error as Error).message}`),
    },
    { intervalMs: config().rules.tickIntervalMs, cleanUpIntervalMs: PRUNE_INTERVAL_MS },
  );
  const timers = scheduler(strapi, { store: rules, fires, dispatcher, resolvers });
  const smtpEvents = createSmtpEvents({ strapi, config, notifications, resolvers });
  const ruleCatalog = createRuleCatalog(strapi, { store: rules, fires, engine, scheduler: timers, resolvers, taskGroups, mailboxes });
  let pruneTimer: NodeJS.Timeout | null = null;

  async function stuckRuleRuns(minutes: number, now: Date): Promise<string[]> {
    const runs = await fires.stuck(minutes, now);
    const names = await rules.namesOf(runs.map((r) => r.rule));
    return [...new Set(runs.map((run) => names.get(run.rule) ?? run.rule))];
  }

  return {
    settings,
    mailboxes,
    mailboxProbe: createMailboxProbe(strapi, { mailboxes, templates }),
    taskGroups,
    outbox: outbox,
    messageAdmin: createMessageAdmin({ ...messages, wake: () => outbox.wake() }),
    health: createHealthReport(strapi, { queries: messages.queries, mailboxes, stuckRuleRuns }),
    templates,
    notifications,
    ruleCatalog,
    ruleEngine: engine,
    customEvents: createCustomEvents(strapi, { store: rules, engine, resolvers }),
    profiles: createProfileStore(strapi, rules),
    suppressions: { list: () => flood.suppressions(), release: (address: string) => flood.release(address) },
    smtpEvents,

    /** Start-up, in bootstrap: settings, secrets under the current key, the configured mailbox and rules, built-in templates, then the loops. */
    async start() {
      await settings.refresh();
      await mailboxes.reencryptSecrets();
      await mailboxes.syncDefaultFromConfig();
      await templates.ensureBuiltIns();
      await ruleCatalog.syncConfigRules();
      // SMTP events are recorded from each written batch of results, beside delivery, never in it.
      outbox.onResults((results) => smtpEvents.recorder.fromResults(results));
      await smtpEvents.start();
      await outbox.start();
      outbox.onBounce((addresses, reason) => flood.suppress(addresses, reason, new Date()));
      timers.start();
      if (config().rules.enabled) sweeper.start();
      // The recipient history only matters within the longest cap or duplicate window.
      pruneTimer = setInterval(() => void flood.prune(new Date()).catch(() => undefined), PRUNE_INTERVAL_MS);
      pruneTimer.unref();
    },
    /** Shutdown: the scheduler and the firing sweep stop and pending rule dispatches are queued, then the delivery worker finishes or releases its sends, then the SMTP event runner. */
    async stop() {
      if (pruneTimer) clearInterval(pruneTimer);
      await timers.stop();
      await sweeper.stop();
      await engine.idle();
      await outbox.stop();
      await smtpEvents.stop();
    },
  };
}

export type PluginRuntime = ReturnType<typeof createRuntime>;

const runtimes = new WeakMap<object, PluginRuntime>();

/** The runtime of this Strapi instance, built on first use (the tests run several instances in one process). */
export function getRuntime(strapi: Core.Strapi): PluginRuntime {
  let runtime = runtimes.get(strapi);
  if (!runtime) {
    runtime = createRuntime(strapi);
    runtimes.set(strapi, runtime);
  }
  return runtime;
}
