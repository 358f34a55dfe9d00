/*
 * Record events for rules: one document-service middleware (registered in register()) that sees
 * creates, updates, deletes, publishes and unpublishes of every content type. It reads the previous
 * version before the write, evaluates the rules of that type after it in the same transaction, and
 * records what fired in that transaction too (sent after the commit). It never sends, and costs
 * nothing for a type without rules.
 */
import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../config/plugin-config';
import { RECORD_EVENTS, type RecordEvent } from '../core/rules/rule-trigger';
import { currentChainDepth } from '../outbox/chain-depth';
import type { RecordFiring } from './fire-store';
import type { RuleEngine } from './rule-engine';

type Plain = Record<string, unknown>;

interface MiddlewareContext {
  uid: string;
  action: string;
  contentType?: { options?: { draftAndPublish?: boolean } };
  params: { documentId?: string; status?: string; locale?: string; data?: Plain };
}

const WATCHED = new Set<string>(RECORD_EVENTS);

/** The rule events one document-service call stands for. */
export function eventsOf(ctx: MiddlewareContext): RecordEvent[] {
  if (!WATCHED.has(ctx.action)) return [];
  const draftAndPublish = Boolean(ctx.contentType?.options?.draftAndPublish);
  // `update` with status "published" publishes without a publish action.
  if (ctx.action === 'update' && draftAndPublish && ctx.params.status === 'published') return ['update', 'publish'];
  return [ctx.action as RecordEvent];
}

/** Which version of a draft & publish record an event is about. */
function versionOf(ctx: MiddlewareContext, events: RecordEvent[]): 'draft' | 'published' | undefined {
  if (!ctx.contentType?.options?.draftAndPublish) return undefined;
  return events.includes('publish') || events.includes('unpublish') ? 'published' : 'draft';
}

/** `engine` is asked for at each write: the middleware is installed in register(), before the engine exists. */
export function installRecordEvents(strapi: Core.Strapi, engine: () => Pick<RuleEngine, 'prepareRecordEvent' | 'evaluateRecordEvent' | 'recordFirings'>): void {
  const documents = strapi.documents as unknown as { use(mw: (ctx: MiddlewareContext, next: () => Promise<unknown>) => Promise<unknown>): void };
  documents.use(async (ctx, next) => {
    if (!ctx.uid.startsWith('api::') || !WATCHED.has(ctx.action) || !getPluginConfig(strapi).rules.enabled) return next();
    let prepared: Awaited<ReturnType<RuleEngine['prepareRecordEvent']>> = null;
    try {
      const events = eventsOf(ctx);
      prepared = await engine().prepareRecordEvent(ctx.uid, events, ctx.params.documentId ?? null, versionOf(ctx, events), ctx.params.locale, ctx.params.data);
    } catch (error) {
      strapi.log.error(`[email-notifications] rules: could not read ${ctx.uid} before ${ctx.action}: ${(error as Error).message}`);
    }
    if (!prepared) return next();
    const ready = prepared;
    // One transaction for the write and what it fired (the write's own joins it, as does a caller's).
    return strapi.db.transaction(async () => {
      const result = await next();
      let fired: RecordFiring[] = [];
      try {
        const documentId = ctx.params.documentId ?? ((result as Plain | null)?.documentId as string | undefined) ?? null;
        fired = await engine().evaluateRecordEvent(ready, documentId, result, ctx.params.data, currentChainDepth());
      } catch (error) {
        strapi.log.error(`[email-notifications] rules: evaluating ${ctx.uid} ${ctx.action} failed: ${(error as Error).message}`);
      }
      // Part of the save: a firing that cannot be recorded fails the save rather than be lost silently.
      if (fired.length) await engine().recordFirings(fired);
      return result;
    });
  });
}
