/*
 * One-click unsubscribe for rules marked "allowed": the List-Unsubscribe headers of a message to one
 * recipient (a signed link on the content API, and a mailto when configured), and what the link does:
 * describe the opt-out for the confirmation page (GET never records), record it on POST. A bad or
 * altered token is refused and nothing is recorded.
 */
import type { Core } from '@strapi/strapi';
import { getEncryptionKeys, getPluginConfig, PLUGIN_ID } from '../config/plugin-config';
import type { Address } from '../core/delivery/addresses';
import { InputError } from '../core/errors';
import { optOutLabel, optOutReason, optOutScope, publicBaseUrl, unsubscribeHeaders, type UnsubscribableRule } from '../core/rules/unsubscribe';
import { createUnsubscribeTokens, type UnsubscribeClaim } from '../secrets/unsubscribe-token';
import type { RuleStore } from './rule-store';
import type { SuppressionStore } from './suppression-store';

export interface UnsubscribeDeps {
  rules: Pick<RuleStore, 'list'>;
  holds: Pick<SuppressionStore, 'optOut'>;
}

const BAD_TOKEN = 'This unsubscribe link is not valid: it was altered or cut off. Open the link from the email again, or ask the sender to remove your address.';
const NO_BASE = `no List-Unsubscribe header: set Strapi's server.url or the plugin option unsubscribe.publicUrl to this site's public https address`;

export function createUnsubscribe(strapi: Core.Strapi, deps: UnsubscribeDeps) {
  const tokens = () => {
    const keys = getEncryptionKeys(strapi);
    return createUnsubscribeTokens(keys.current, keys.previous);
  };
  const baseUrl = () => publicBaseUrl(getPluginConfig(strapi).unsubscribe.publicUrl, strapi.config.get<string | undefined>('server.url'));
  const apiPrefix = () => strapi.config.get<string>('api.rest.prefix', '/api').replace(/\/+$/, '');

  function claimOf(token: unknown): UnsubscribeClaim {
    const claim = typeof token === 'string' ? tokens().verify(token) : null;
    if (!claim) throw new InputError([{ path: 'token', message: BAD_TOKEN }], BAD_TOKEN);
    return claim;
  }

  /** What the recipient opts out of, in words (a rule deleted since reads "these notifications"). */
  async function labelOf(scope: string): Promise<string> {
    if (scope.startsWith('category:')) return optOutLabel({ category: scope.slice('category:'.length), name: '' });
    const id = scope.slice('rule:'.length);
    const rule = (await deps.rules.list()).find((r) => r.documentId === id);
    return rule ? optOutLabel({ category: '', name: rule.name }) : 'these notifications';
  }

  return {
    /** The headers for a message of this rule, or a note saying why it goes without them. */
    headersFor(rule: UnsubscribableRule, recipients: Address[]): { headers: Record<string, string> } | { note: string } {
      if (recipients.length !== 1) {
        return { note: `no List-Unsubscribe header: the message goes to ${recipients.length} recipients and a one-click link names one (digests send one message per recipient)` };
      }
      const base = baseUrl();
      if (!base) return { note: NO_BASE };
      const token = tokens().sign({ address: recipients[0]!.address, scope: optOutScope(rule) });
      const url = `${base}${apiPrefix()}/${PLUGIN_ID}/unsubscribe/${token}`;
      return { headers: unsubscribeHeaders({ url, token, mailto: getPluginConfig(strapi).unsubscribe.mailto }) };
    },

    /** For the confirmation page (GET): who and what, without recording anything. */
    async describe(token: unknown): Promise<{ address: string; label: string }> {
      const claim = claimOf(token);
      return { address: claim.address, label: await labelOf(claim.scope) };
    },

    /** The one-click POST: records the opt-out (idempotent). */
    async confirm(token: unknown, now: Date): Promise<{ address: string; label: string; created: boolean }> {
      const claim = claimOf(token);
      const label = await labelOf(claim.scope);
      const { created } = await deps.holds.optOut(claim.address, claim.scope, optOutReason(label, now));
      return { address: claim.address, label, created };
    },

    /** The start-up message: rules offer unsubscribe but the links would have no public address. */
    async missingBaseWarning(): Promise<string | null> {
      if (baseUrl()) return null;
      const offering = (await deps.rules.list()).filter((r) => r.enabled && r.definition?.unsubscribe === 'allowed');
      if (!offering.length) return null;
      return `[email-notifications] ${offering.length} rule(s) allow one-click unsubscribe (${offering.map((r) => `"${r.name}"`).join(', ')}), but ${NO_BASE.slice(NO_BASE.indexOf('set '))}; until then their mail goes out without the List-Unsubscribe headers.`;
    },
  };
}

export type Unsubscribe = ReturnType<typeof createUnsubscribe>;
