/*
 * Acting on a rule that fired: resolves the recipients, renders the message (a named template or the
 * rule's own subject/text), applies the flood and loop guards and queues it in the outbox with an
 * idempotency key. A dry run does everything but the queueing and the counting.
 */
import type { Core } from '@strapi/strapi';
import { isIP } from 'node:net';
import type { Address } from '../core/delivery/addresses';
import { valueAtPath } from '../core/rules/record-path';
import type { Rule } from '../core/rules/rule-input';
import type { SuppressedRecipient } from '../core/rules/flood-guard';
import { getPluginConfig } from '../config/plugin-config';
import type { Notifications } from '../notifications/notifications';
import type { TemplateCatalog } from '../templates/template-catalog';
import { strapiModelLookup } from '../records/model-lookup';
import { baseContext, recordTemplateContext, renderEnvironment } from '../templates/render-context';
import { recordContext } from '../core/templates/template-context';
import { attachmentsOf } from './record-attachments';
import type { FloodState } from './flood-state';
import type { Unsubscribe } from './one-click-unsubscribe';
import type { ActiveRule, RuleStore } from './rule-store';
import { recipientResolver, resolverContext, type RecipientResolver } from './recipient-resolver';

type Plain = Record<string, unknown>;

export interface Firing {
  rule: ActiveRule;
  /** The record (with its relations) for record, time and event rules. */
  record?: Plain | null;
  previous?: Plain | null;
  eventType?: string;
  /** Digest: the records of this recipient, how many matched in all. */
  records?: Plain[];
  count?: number;
  /** Digest: send to this address only (one digest per recipient). */
  onlyTo?: Address;
  due?: { at: Date; overdueHours: number };
  eventName?: string;
  payload?: Plain;
  idempotencyKey: string;
  chainDepth: number;
  now: Date;
}

export interface DispatchResult {
  to: Address[];
  cc: Address[];
  bcc: Address[];
  suppressed: SuppressedRecipient[];
  notes: string[];
  subject: string;
  html: string | null;
  text: string;
  messageId: string | null;
  created: boolean;
}

export interface RuleDispatcherDeps {
  store: RuleStore;
  flood: FloodState;
  resolvers: Map<string, RecipientResolver>;
  templates: Pick<TemplateCatalog, 'render' | 'renderInline'>;
  notifications: Pick<Notifications, 'queueGuarded'>;
  unsubscribe: Pick<Unsubscribe, 'headersFor'>;
}

export function ruleDispatcher(strapi: Core.Strapi, deps: RuleDispatcherDeps) {
  const recipients = recipientResolver(strapi, deps.resolvers);

  function contentTypeOf(rule: Rule): string | null {
    return 'contentType' in rule.trigger ? (rule.trigger.contentType ?? null) : null;
  }

  function renderContext(firing: Firing, to: Address | undefined): Plain {
    const rule = firing.rule.rule;
    const env = renderEnvironment(strapi, firing.now, 'timezone' in rule.trigger ? rule.trigger.timezone : null);
    const context: Plain = {
      ...baseContext(env),
      rule: { name: rule.name, category: rule.category, description: rule.description ?? '' },
      recipient: { email: to?.address ?? '', name: to?.name ?? '' },
    };
    const uid = contentTypeOf(rule);
    const lookup = strapiModelLookup(strapi);
    const model = uid ? lookup(uid) : undefined;
    const sensitive = getPluginConfig(strapi).privacy.sensitiveFields;
    if (model && firing.record) {
      Object.assign(context, recordTemplateContext({ model, lookup, sensitive, env, record: firing.record, previous: firing.previous ?? null, eventType: firing.eventType }));
    }
    if (model && firing.records) {
      context.records = firing.records.map((r) => recordContext(r, model, lookup, sensitive, env));
      context.count = firing.count ?? firing.records.length;
      context.more = Math.max(0, (firing.count ?? 0) - firing.records.length);
      context.contentType = { uid: model.uid, displayName: model.displayName };
    }
    if (firing.due) context.due = { at: new Intl.DateTimeFormat(env.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: env.timezone }).format(firing.due.at), overdueHours: firing.due.overdueHours };
    if (firing.eventName) {
      context.event = { name: firing.eventName };
      context.payload = firing.payload ?? {};
    }
    return context;
  }

  /** The language of the main recipient when it is an admin user who chose one (their admin language). */
  async function recipientLocale(to: Address | undefined): Promise<string | null> {
    if (!to) return null;
    const user = (await strapi.db.query('admin::user').findOne({ where: { email: to.address }, select: ['preferedLanguage'] })) as { preferedLanguage?: string | null } | null;
    return user?.preferedLanguage || null;
  }

  async function render(rule: Rule, context: Plain, to: Address | undefined) {
    if (typeof rule.template !== 'string') return deps.templates.renderInline(rule.template, context);
    return deps.templates.render(rule.template, context, await recipientLocale(to));
  }

  return {
    async dispatch(firing: Firing, options: { dryRun?: boolean } = {}): Promise<DispatchResult> {
      const { rule, id } = firing.rule;
      const resolved = firing.onlyTo
        ? { to: [firing.onlyTo], cc: [], bcc: [], notes: [] as string[] }
        : await recipients.resolve(
            rule.recipients,
            resolverContext(strapi, firing.rule, {
              record: firing.record ?? null,
              previous: firing.previous ?? null,
              contentType: contentTypeOf(rule),
              event: firing.eventType ?? firing.eventName ?? null,
              payload: firing.payload ?? null,
            }),
          );
      const main = resolved.to[0] ?? resolved.cc[0] ?? resolved.bcc[0];
      const rendered = await render(rule, renderContext(firing, main), main);
      const unsubscribable = { id, category: rule.category, unsubscribe: rule.unsubscribe };
      const guarded = await deps.flood.guard({ lists: resolved, subject: rendered.subject, text: rendered.text, now: firing.now, rule: unsubscribable });
      const kept = [...guarded.to, ...guarded.cc, ...guarded.bcc];
      const result: DispatchResult = { to: guarded.to, cc: guarded.cc, bcc: guarded.bcc, suppressed: guarded.suppressed, notes: resolved.notes, ...rendered, html: rendered.html || null, messageId: null, created: false };
      const nobody = kept.length === 0 && guarded.suppressed.length === 0;
      if (options.dryRun || nobody) {
        if (nobody && !options.dryRun) result.notes.push('no recipient: nothing was queued');
        return result;
      }
      const uid = contentTypeOf(rule);
      const documentId = firing.record?.documentId as string | undefined;
      const ip = rule.recipientIpPath && firing.record ? valueAtPath(firing.record, rule.recipientIpPath) : null;
      const attachments = rule.attachments?.length && firing.record && uid ? await attachmentsOf(strapi, firing.record, rule.attachments, result.notes) : [];
      const lists = kept.length ? guarded : resolved;
      const headers = rule.unsubscribe === 'allowed' && kept.length ? listUnsubscribe(deps.unsubscribe.headersFor(unsubscribable, kept), result.notes) : {};
      const sent = await deps.notifications.queueGuarded(
        {
          to: lists.to.length ? lists.to : [],
          cc: lists.cc,
          bcc: lists.bcc,
          subject: rendered.subject,
          ...(result.html ? { html: result.html } : {}),
          text: rendered.text,
          ...(Object.keys(headers).length ? { headers } : {}),
          ...(rule.taskGroup ? { taskGroup: rule.taskGroup } : {}),
          ...(rule.mailbox ? { mailbox: rule.mailbox } : {}),
          ...(uid && documentId ? { record: { contentType: uid, documentId } } : {}),
          ...(typeof ip === 'string' && isIP(ip) ? { recipientIp: ip } : {}),
          ...(attachments.length ? { attachments } : {}),
          idempotencyKey: firing.idempotencyKey,
          origin: { type: 'rule', ruleId: id, ruleName: rule.name, chainDepth: firing.chainDepth + 1, ...(resolved.notes.length ? { notes: resolved.notes } : {}) },
        },
        guarded.suppressed,
        kept.length,
      );
      result.messageId = sent.messageId;
      result.created = sent.created;
      if (sent.created) {
        if (kept.length) await deps.flood.record(kept.map((a) => a.address), guarded.fingerprints, id, firing.now);
        await deps.store.recordFiring(id, { sent: kept.length ? 1 : 0, suppressed: guarded.suppressed.length }, firing.now);
      }
      return result;
    },
  };
}

/** The List-Unsubscribe headers, or none with the reason noted on the message. */
function listUnsubscribe(offer: { headers: Record<string, string> } | { note: string }, notes: string[]): Record<string, string> {
  if ('headers' in offer) return offer.headers;
  notes.push(offer.note);
  return {};
}

export type RuleDispatcher = ReturnType<typeof ruleDispatcher>;
