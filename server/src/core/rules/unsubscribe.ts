/*
 * One-click unsubscribe decisions (RFC 8058, RFC 2369): what a rule's opt-out covers (its category, or
 * the rule itself when it kept the default category), whether a rule's mail offers it, whether an
 * opt-out stops a rule, the reason text, and the public URL base. Pure: no crypto, no clock, no Strapi.
 */

/** A rule's `unsubscribe`: "allowed" offers one-click unsubscribe; "critical" ignores opt-outs; absent: neither. */
export const UNSUBSCRIBE_MODES = ['allowed', 'critical'] as const;
export type UnsubscribeMode = (typeof UNSUBSCRIBE_MODES)[number];

/** The scope of a hold that stops all mail (hard bounces). */
export const ALL_MAIL_SCOPE = '*';

/** The category every rule has unless it names one: too broad to unsubscribe from as a whole. */
export const DEFAULT_CATEGORY = 'general';

export interface UnsubscribableRule {
  id: string;
  category: string;
  unsubscribe?: UnsubscribeMode;
}

/** `category:rma`, or `rule:<id>` for a rule in the default category. */
export function optOutScope(rule: UnsubscribableRule): string {
  return rule.category && rule.category !== DEFAULT_CATEGORY ? `category:${rule.category}` : `rule:${rule.id}`;
}

/** Does a hold with this scope stop this rule's mail? Bounces stop every rule; opt-outs never stop critical ones. */
export function holdApplies(scope: string, rule: UnsubscribableRule): boolean {
  if (scope === ALL_MAIL_SCOPE) return true;
  return rule.unsubscribe !== 'critical' && scope === optOutScope(rule);
}

/** "unsubscribed from rma on 2026-12-01": what the mail log and the suppressions screen show. */
export function optOutReason(label: string, since: Date): string {
  return `unsubscribed from ${label} on ${since.toISOString().slice(0, 10)}`;
}

/** What the recipient unsubscribes from, in words: the category, or the rule's name. */
export function optOutLabel(rule: { category: string; name: string }): string {
  return rule.category && rule.category !== DEFAULT_CATEGORY ? `"${rule.category}" notifications` : `"${rule.name}"`;
}

/**
 * The public base URL of the unsubscribe links: the plugin option wins over Strapi's server.url.
 * Null when neither is an absolute http(s) URL (a link a mail client can open must be absolute).
 */
export function publicBaseUrl(pluginOption: string | undefined, serverUrl: string | undefined): string | null {
  for (const candidate of [pluginOption, serverUrl]) {
    if (candidate && /^https?:\/\/[^/]/i.test(candidate)) return candidate.replace(/\/+$/, '');
  }
  return null;
}

export interface UnsubscribeHeaderInput {
  /** The unsubscribe URL with its token. */
  url: string;
  /** The mailbox that receives mailto requests, if one is configured. */
  mailto?: string;
  token: string;
}

/** The two headers: List-Unsubscribe (URL first, then mailto) and List-Unsubscribe-Post. */
export function unsubscribeHeaders(input: UnsubscribeHeaderInput): Record<string, string> {
  const targets = [`<${input.url}>`];
  if (input.mailto) targets.push(`<mailto:${input.mailto}?subject=${encodeURIComponent(`unsubscribe ${input.token}`)}>`);
  return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
