/*
 * Verdicts for MX, DKIM, DMARC (policy and alignment), MTA-STS and TLS-RPT from what the DNS checks
 * observed, each with the exact record to publish or edit. Pure: parsing of DKIM keys and DMARC
 * records is mailauth's; these only judge its results.
 */
import { check, unanswered, type Check, type Lookup } from './check-result';
import { dkimRecord, type DkimKey } from './dkim-keyring';

export function mxVerdict(domain: string, mx: Lookup): Check {
  if (mx.kind === 'error') return unanswered('mx', `the MX records of ${domain}`, mx.error);
  if (mx.kind === 'none' || mx.records.length === 0) {
    return check('mx', 'fail', null, `${domain} has no MX record, so replies and bounces cannot reach it and many receivers distrust its mail: add one, e.g. ${domain}. MX 10 mail.${domain}.`);
  }
  return check('mx', 'pass', mx.records.join(', '), null);
}

/** What DNS holds at a key's selector: its key (compared with ours), nothing, something unusable, or no answer. */
export type DkimObservation =
  | { kind: 'match' }
  /** A key is published and there is none of ours to compare it with (a selector asked for). */
  | { kind: 'published'; found: string }
  | { kind: 'mismatch'; found: string }
  | { kind: 'none' }
  | { kind: 'invalid'; found: string | null; error: string }
  | { kind: 'error'; error: string };

export function dkimVerdict(key: DkimKey, seen: DkimObservation): Check {
  const record = dkimRecord(key);
  const publish = `Publish a TXT record named ${record.name} with the value: ${record.value}`;
  const role = key.status === 'active' ? 'signing' : key.status;
  if (seen.kind === 'error') return unanswered('dkim', record.name, seen.error);
  if (seen.kind === 'match' || seen.kind === 'published') return check('dkim', 'pass', `${record.name}: the ${role} ${key.algorithm} key`, null);
  if (seen.kind === 'none') {
    if (key.status === 'pending') return check('dkim', 'warn', null, `${publish}, then switch to it (the signing key stays in use until then).`);
    if (key.status === 'retiring') return check('dkim', 'warn', null, `The record of the retiring key ${key.selector} is gone: mail signed with it that is still on its way fails DKIM. ${publish} until you retire the key.`);
    return check('dkim', 'fail', null, `Messages are signed with selector ${key.selector} but its key is not published. ${publish}.`);
  }
  const found = seen.found;
  const problem = seen.kind === 'mismatch' ? 'holds a different key than this mailbox signs with' : `is not a usable DKIM key (${seen.error})`;
  return check('dkim', key.status === 'pending' ? 'warn' : 'fail', found, `The record ${record.name} ${problem}: replace its value with ${record.value}`);
}

/** The domain-only check without a known key: is anything published at the selector asked for? */
export function selectorVerdict(name: string, seen: DkimObservation | null): Check {
  if (!seen) return check('dkim', 'warn', null, 'No DKIM key of this installation signs for this domain: add one to a mailbox on the Deliverability page (or give a selector to check).');
  if (seen.kind === 'error') return unanswered('dkim', name, seen.error);
  if (seen.kind === 'none') return check('dkim', 'fail', null, `Nothing is published at ${name}: publish the TXT record your DKIM key manager shows.`);
  if (seen.kind === 'invalid') return check('dkim', 'fail', seen.found, `The record at ${name} is not a usable DKIM key (${seen.error}): publish it again as shown by your key manager.`);
  return check('dkim', 'pass', seen.kind === 'match' ? name : seen.found, null);
}

/** A DMARC record as mailauth's getDmarcRecord parses it (false: none). */
export interface DmarcRecord {
  p?: string;
  rr: string;
  isOrgRecord?: boolean;
  adkim?: string;
  aspf?: string;
}

export function dmarcVerdict(domain: string, record: DmarcRecord | false | { error: string }): Check {
  if (record && 'error' in record) return unanswered('dmarc', `_dmarc.${domain}`, record.error);
  const suggestion = `v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}`;
  if (!record) {
    return check('dmarc', 'fail', null, `${domain} has no DMARC policy, which Gmail and Yahoo require of bulk senders: add a TXT record named _dmarc.${domain} with the value: ${suggestion} (p=none only reports; move to p=quarantine once the reports look right).`);
  }
  const policy = (record.p ?? '').toLowerCase();
  if (!['none', 'quarantine', 'reject'].includes(policy)) {
    return check('dmarc', 'fail', record.rr, `The DMARC record of ${domain} has no valid policy (p=${record.p ?? ''}): set p=none, p=quarantine or p=reject, e.g. ${suggestion}`);
  }
  if (policy === 'none') {
    return check('dmarc', 'warn', record.rr, `The DMARC policy p=none only monitors: once the reports show your mail passing, change it to p=quarantine in _dmarc.${domain}.`);
  }
  return check('dmarc', 'pass', record.rr, null);
}

/** DMARC passes when SPF or DKIM passes for a domain aligned with the From domain. */
export function alignmentVerdict(fromDomain: string, aligned: { spf: boolean; dkim: boolean; dkimDomain: string | null; strictDkim: boolean }): Check {
  const how = [aligned.spf ? 'SPF' : null, aligned.dkim ? `DKIM (${aligned.dkimDomain})` : null].filter(Boolean).join(' and ');
  if (how) return check('alignment', 'pass', `${fromDomain} aligns with ${how}`, null);
  const dkimHint = aligned.dkimDomain
    ? `the DKIM key signs for ${aligned.dkimDomain}${aligned.strictDkim ? ' and the policy asks for an exact match (adkim=s)' : ''}: add a key for ${fromDomain}`
    : `add a DKIM key for ${fromDomain}`;
  return check('alignment', 'fail', null, `DMARC fails for mail from ${fromDomain}: neither SPF nor DKIM passes for an aligned domain. Authorise the mailbox's host in the SPF record of ${fromDomain} (see spf-host), or ${dkimHint}.`);
}

export function mtaStsVerdict(domain: string, txt: Lookup): Check {
  if (txt.kind === 'error') return unanswered('mta-sts', `_mta-sts.${domain}`, txt.error, true);
  const record = txt.kind === 'found' ? txt.records.find((r) => /^v=STSv1/i.test(r)) : undefined;
  if (record) return check('mta-sts', 'pass', record, null, true);
  return check('mta-sts', 'warn', null, `Optional: MTA-STS makes servers sending to ${domain} insist on TLS. Publish a policy at https://mta-sts.${domain}/.well-known/mta-sts.txt and a TXT record _mta-sts.${domain}: v=STSv1; id=20260101`, true);
}

export function tlsRptVerdict(domain: string, txt: Lookup): Check {
  if (txt.kind === 'error') return unanswered('tls-rpt', `_smtp._tls.${domain}`, txt.error, true);
  const record = txt.kind === 'found' ? txt.records.find((r) => /^v=TLSRPTv1/i.test(r)) : undefined;
  if (record) return check('tls-rpt', 'pass', record, null, true);
  return check('tls-rpt', 'warn', null, `Optional: TLS-RPT sends you reports about TLS failures delivering to ${domain}. Add a TXT record _smtp._tls.${domain}: v=TLSRPTv1; rua=mailto:tls-reports@${domain}`, true);
}
