/*
 * Records SMTP events after delivery results are written: turns each failed attempt into its events,
 * matches them against the enabled event rules, and lets each rule's frequency window decide whether
 * its action runs are queued. It works beside delivery, never in it: record() only queues the events,
 * and every error is caught and logged, so a broken rule or a busy database never slows or stops mail.
 */
import { randomUUID } from 'node:crypto';
import { matchEvent } from '../core/events/event-match';
import type { EventRule } from '../core/events/event-rule-input';
import type { SmtpEvent } from '../core/events/event-types';
import { eventOf, eventTypesOf, type AttemptFacts } from '../core/events/smtp-event';
import { explainSmtpFailure } from '../core/smtp/explain-failure';
import type { DeliveryResult } from '../outbox/delivery-attempt';
import type { ActionRunRow, NewActionRun } from './action-run-repository';
import type { FrequencyWindows } from './frequency-windows';

/** A rule as the recorder sees it: stored ones keyed by id, options ones by "options:<name>". */
export interface ActiveEventRule {
  key: string;
  rule: EventRule;
}

export interface EventRecorderDeps {
  rules(): Promise<ActiveEventRule[]>;
  windows: Pick<FrequencyWindows, 'admit'>;
  /** Action runs were queued (the runner of this instance looks at once). */
  onQueued(runs: ActionRunRow[]): void;
  onError(error: unknown, where: string): void;
  now?: () => Date;
}

/** Alerts about failing mail are mail too: their own failures must not raise alerts without end. */
const ALERT_KEY_PREFIX = 'smtp-event:';

function factsOf(result: DeliveryResult): AttemptFacts | null {
  const { failure, row, transition } = result;
  if (!failure || (transition !== 'scheduleRetry' && transition !== 'markFailed')) return null;
  if (row.idempotencyKey?.startsWith(ALERT_KEY_PREFIX)) return null;
  const { error, mailbox } = failure;
  const explained = explainSmtpFailure(
    { message: error.message, ...(error.code ? { code: error.code } : {}), ...(error.responseCode !== null ? { responseCode: error.responseCode } : {}), ...(error.command ? { command: error.command } : {}) },
    { host: mailbox.host, port: mailbox.port, security: mailbox.security, authType: mailbox.authType },
  );
  return {
    transition,
    mailboxFailure: failure.mailboxFailure,
    mailbox: { id: mailbox.id, name: mailbox.name, emailAddress: mailbox.fromAddress, host: mailbox.host, port: mailbox.port, security: mailbox.security, authType: mailbox.authType },
    customerEmail: row.to?.[0]?.address ?? null,
    message: { id: row.id, messageId: result.patch.messageId ?? row.messageId, subject: row.subject },
    smtp: { code: error.responseCode, response: error.response ?? error.message },
    explanation: explained.explanation,
  };
}

/** The runs one event queues for a rule: one per action, all with the same folded count. */
export function runsFor(active: ActiveEventRule, event: SmtpEvent, folded: NewActionRun['folded']): NewActionRun[] {
  return active.rule.actions.map((action, actionIndex) => ({ ruleKey: active.key, ruleName: active.rule.name, actionIndex, action, event, folded }));
}

export function createEventRecorder(deps: EventRecorderDeps) {
  const now = deps.now ?? (() => new Date());
  let queue: SmtpEvent[] = [];
  let working: Promise<void> | null = null;

  async function handle(event: SmtpEvent, rules: ActiveEventRule[]) {
    for (const active of rules) {
      if (!matchEvent(active.rule, event).matches) continue;
      try {
        const { runs } = await deps.windows.admit(active.key, active.rule.maxFrequencyMinutes, new Date(event.at), (decision) => runsFor(active, event, decision.folded));
        if (runs.length) deps.onQueued(runs);
      } catch (error) {
        deps.onError(error, `rule ${active.key}`);
      }
    }
  }

  async function drain() {
    while (queue.length) {
      const batch = queue;
      queue = [];
      let rules: ActiveEventRule[];
      try {
        rules = await deps.rules();
      } catch (error) {
        deps.onError(error, 'loading rules');
        continue;
      }
      for (const event of batch) await handle(event, rules);
    }
  }

  function kick() {
    if (working || !queue.length) return;
    working = drain().finally(() => {
      working = null;
      kick();
    });
  }

  function record(events: SmtpEvent[]) {
    queue.push(...events);
    kick();
  }

  return {
    /** The delivery results' hook: their events are recorded later, off the flush. */
    fromResults(results: DeliveryResult[]) {
      const events: SmtpEvent[] = [];
      for (const result of results) {
        const facts = factsOf(result);
        if (!facts) continue;
        for (const type of eventTypesOf(facts)) events.push(eventOf(type, facts, randomUUID(), now()));
      }
      record(events);
    },
    /** Events from elsewhere (an inbound mailbox's failed login). */
    record,
    /** Resolves once every event recorded so far is handled (shutdown, tests). */
    async idle() {
      while (working) await working;
    },
  };
}

export type EventRecorder = ReturnType<typeof createEventRecorder>;
