/*
 * The developer side of rules: custom events (`notifications.emit(name, payload)`) for rules with an
 * event trigger, and recipient resolvers registered by name (`{ "resolver": name }` in a rule).
 * Input is checked here; evaluating and sending is the rule engine's.
 */
import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../config/plugin-config';
import { InputError } from '../core/errors';
import { EVENT_NAME } from '../core/rules/rule-trigger';
import { currentChainDepth } from '../outbox/chain-depth';
import type { RecipientResolver } from './recipient-resolver';
import type { RuleEngine } from './rule-engine';
import type { RuleStore } from './rule-store';

export interface CustomEventsDeps {
  store: Pick<RuleStore, 'eventRules'>;
  engine: Pick<RuleEngine, 'emit'>;
  resolvers: Map<string, RecipientResolver>;
}

export function createCustomEvents(strapi: Core.Strapi, deps: CustomEventsDeps) {
  return {
    /** Names a function rules can use as a recipient; it returns addresses. */
    registerRecipientResolver(name: string, resolver: RecipientResolver) {
      if (!EVENT_NAME.test(name)) throw new InputError([{ path: 'name', message: 'must be a lower-case name like "rma-owner"' }]);
      if (typeof resolver !== 'function') throw new InputError([{ path: 'resolver', message: 'must be a function returning addresses' }]);
      deps.resolvers.set(name, resolver);
    },
    /** A custom event: the rules listening to `name` evaluate the payload; returns what each did. */
    async emit(name: string, payload: Record<string, unknown> = {}) {
      if (!EVENT_NAME.test(name)) throw new InputError([{ path: 'name', message: 'must be an event name like "rma.customer-replied"' }]);
      if (!getPluginConfig(strapi).rules.enabled) return [];
      return deps.engine.emit(await deps.store.eventRules(name), name, payload, currentChainDepth());
    },
  };
}

export type CustomEvents = ReturnType<typeof createCustomEvents>;
