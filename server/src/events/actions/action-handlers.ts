/*
 * The action handlers of SMTP event rules, one per action type, built from their dependencies. A
 * handler runs one action run once and answers an outcome; it never throws for an expected failure,
 * and retrying, backoff and the run's state are the runner's job, not a handler's.
 */
import type { Core } from '@strapi/strapi';
import type { ActionOutcome, ActionRun, ActionType } from '../../core/events/event-types';
import type { Notifications } from '../../notifications/notifications';
import type { RecipientResolver } from '../../rules/recipient-resolver';
import type { EventProviderRegistry } from './event-providers';
import { createEmailAction } from './email-action';
import { createLogAction } from './log-action';
import { createProfilesAction } from './profiles-action';
import { createProviderAction } from './provider-action';
import { createWebhookAction } from './webhook-action';

export interface ActionSecrets {
  webhookSecret: string | null;
}

export type ActionHandler = (run: ActionRun, secrets: ActionSecrets) => Promise<ActionOutcome>;

export interface ActionHandlerDeps {
  strapi: Core.Strapi;
  /** Options `events.allowedHosts`: host names, IPs or CIDRs a web page action may call even when private or loopback. */
  allowedHosts: string[];
  /** Options `events.logDirectory`; null = log actions are refused. */
  logDirectory: string | null;
  providers: EventProviderRegistry;
  /** Web page call timeout, default 10000 ms. */
  timeoutMs?: number;
  /** Email and profiles actions queue their alert here (the outbox routes it like any message). */
  notifications: Pick<Notifications, 'send'>;
  /** Recipient resolvers registered by developers (`{ resolver: name }` entries of email actions). */
  resolvers: Map<string, RecipientResolver>;
  /** Log rotation: rotate past this size (default 10 MB), keep this many rotated files (default 5). */
  logMaxBytes?: number;
  logKeep?: number;
  /** The clock (web hook timestamps, log lines); default the system clock. */
  now?: () => Date;
}

export function createActionHandlers(deps: ActionHandlerDeps): Record<ActionType, ActionHandler> {
  return {
    webhook: createWebhookAction({ allowedHosts: deps.allowedHosts, timeoutMs: deps.timeoutMs, now: deps.now }),
    log: createLogAction({ logDirectory: deps.logDirectory, maxBytes: deps.logMaxBytes, keep: deps.logKeep, now: deps.now }),
    provider: createProviderAction(deps.providers),
    email: createEmailAction({ strapi: deps.strapi, notifications: deps.notifications, resolvers: deps.resolvers, now: deps.now }),
    profiles: createProfilesAction({ strapi: deps.strapi, notifications: deps.notifications, now: deps.now }),
  };
}
