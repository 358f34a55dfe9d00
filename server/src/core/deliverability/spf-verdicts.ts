/*
 * SPF verdicts from what DNS and mailauth's SPF evaluation observed: exactly one record, valid, at
 * most 10 DNS lookups, and whether it authorises the mailbox's SMTP host. Pure: the evaluation itself
 * is mailauth's; this turns its results into pass / warn / fail with the record to publish.
 */
import { check, unanswered, type Check, type Lookup } from './check-result';

/** mailauth's SPF answer for one client IP, reduced to what a verdict needs. */
export interface SpfEvaluation {
  ip: string;
  result: 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';
  comment: string;
  lookups: number;
}

export const isSpfRecord = (txt: string) => /^v=spf1(\s|$)/i.test(txt.trim());

/** The SPF record with `mechanism` added before its final `all` (or `redirect=`), or appended. */
export function withMechanism(record: string, mechanism: string): string {
  const terms = record.trim().split(/\s+/);
  const end = terms.findIndex((t) => /^[-~?+]?all$/i.test(t) || /^redirect=/i.test(t));
  if (end === -1) return [...terms, mechanism].join(' ');
  return [...terms.slice(0, end), mechanism, ...terms.slice(end)].join(' ');
}

/** How to authorise the host: `a:` for a name (follows its addresses), `ip4:`/`ip6:` for an address. */
export function mechanismFor(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(bare)) return `ip4:${bare}`;
  if (bare.includes(':')) return `ip6:${bare}`;
  return `a:${bare}`;
}

export function spfRecordVerdict(domain: string, txt: Lookup, evaluation: SpfEvaluation | null, host: string | null): Check {
  if (txt.kind === 'error') return unanswered('spf', `the TXT records of ${domain}`, txt.error);
  const records = txt.kind === 'found' ? txt.records.filter(isSpfRecord) : [];
  const suggestion = `v=spf1 ${host ? mechanismFor(host) : 'include:<your provider>'} ~all`;
  if (records.length === 0) {
    return check('spf', 'fail', null, `Add a TXT record to ${domain}: ${suggestion} (use the include: your mail provider documents if it gives one).`);
  }
  const found = records.join(' | ');
  if (records.length > 1) {
    return check('spf', 'fail', found, `${domain} has ${records.length} SPF records, and receivers treat that as an error (permerror): merge them into one TXT record and delete the others.`);
  }
  if (!evaluation) return check('spf', 'pass', found, null);
  if (evaluation.result === 'temperror') return unanswered('spf', `the SPF record of ${domain}`, evaluation.comment);
  if (evaluation.result === 'permerror') {
    if (/too many dns/i.test(evaluation.comment)) {
      return check('spf', 'fail', found, `The SPF record of ${domain} needs more than 10 DNS lookups (include:, a, mx, ptr, exists, redirect), so receivers reject it: remove includes you no longer use, or replace some with their ip4:/ip6: ranges.`);
    }
    return check('spf', 'fail', found, `The SPF record of ${domain} has an error (${errorText(evaluation.comment)}): correct it, e.g. ${suggestion}.`);
  }
  return check('spf', 'pass', `${found} (${evaluation.lookups} of 10 DNS lookups)`, null);
}

export function spfHostVerdict(domain: string, host: string, record: string | null, evaluations: SpfEvaluation[] | { error: string }): Check {
  if (!Array.isArray(evaluations)) return unanswered('spf-host', `the addresses of ${host}`, evaluations.error);
  if (evaluations.length === 0) {
    return check('spf-host', 'warn', null, `${host} has no address in DNS, so SPF cannot be checked for it: check the mailbox's host.`);
  }
  const refused = evaluations.filter((e) => e.result !== 'pass');
  const found = evaluations.map((e) => `${e.ip}: ${e.result}`).join(', ');
  if (refused.length === 0) return check('spf-host', 'pass', found, null);
  if (refused.some((e) => e.result === 'temperror')) return unanswered('spf-host', `the SPF record of ${domain}`, refused[0]!.comment);
  const mechanism = mechanismFor(host);
  const edited = record ? withMechanism(record, mechanism) : `v=spf1 ${mechanism} ~all`;
  return check('spf-host', 'fail', found, `SPF of ${domain} does not authorise ${host}. Add \`${mechanism}\` to the SPF record of ${domain}: ${edited} (or the include: your provider documents, when it relays from other servers).`);
}

/** mailauth's comment starts with the MTA's name: keep the reason. */
const errorText = (comment: string) => comment.replace(/^[^:]*: permanent error in processing during lookup of \S+: ?/, '') || comment;
