/*
 * Chooses the mailbox for one attempt: the requested one if usable, else the default, else the other
 * enabled outgoing mailboxes by priority (failover). Pure; the routing issue's strategies plug in here.
 * With no usable mailbox it says why and when to look again: the message waits, it is never dropped.
 */

export interface MailboxCandidate {
  id: string;
  name: string;
  enabled: boolean;
  direction: 'out' | 'in';
  isDefault: boolean;
  priority: number;
  circuitOpenUntil: Date | null;
}

export type Selection =
  | { mailbox: MailboxCandidate; reason: string }
  | { mailbox: null; waitingReason: string; retryAt: Date };

const NO_MAILBOX_RETRY_MS = 60_000;

export function selectMailbox(candidates: MailboxCandidate[], requested: string | null, now: Date): Selection {
  const outgoing = candidates.filter((m) => m.direction === 'out');
  const usable = outgoing.filter((m) => m.enabled && !(m.circuitOpenUntil && m.circuitOpenUntil > now));
  if (requested) {
    const wanted = outgoing.find((m) => m.id === requested || m.name === requested);
    if (wanted && usable.includes(wanted)) return { mailbox: wanted, reason: `requested mailbox "${wanted.name}"` };
    const fallback = pickByPreference(usable);
    if (fallback) {
      const why = !wanted ? 'does not exist' : !wanted.enabled ? 'is disabled' : 'is failing (circuit open)';
      return { mailbox: fallback, reason: `requested mailbox "${requested}" ${why}; failover to "${fallback.name}"` };
    }
  }
  const chosen = pickByPreference(usable);
  if (chosen) {
    return { mailbox: chosen, reason: chosen.isDefault ? `default mailbox "${chosen.name}"` : `failover to "${chosen.name}" (priority ${chosen.priority})` };
  }
  return noMailbox(outgoing, now);
}

function pickByPreference(usable: MailboxCandidate[]): MailboxCandidate | null {
  const sorted = [...usable].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.priority - b.priority || a.name.localeCompare(b.name));
  return sorted[0] ?? null;
}

function noMailbox(outgoing: MailboxCandidate[], now: Date): Selection {
  if (outgoing.length === 0) {
    return { mailbox: null, waitingReason: 'No outgoing mailbox is configured: add one in Settings > Email notifications > Mailboxes.', retryAt: new Date(now.getTime() + NO_MAILBOX_RETRY_MS) };
  }
  const enabled = outgoing.filter((m) => m.enabled);
  if (enabled.length === 0) {
    return { mailbox: null, waitingReason: 'Every outgoing mailbox is disabled.', retryAt: new Date(now.getTime() + NO_MAILBOX_RETRY_MS) };
  }
  const reopen = enabled.map((m) => m.circuitOpenUntil!.getTime()).reduce((a, b) => Math.min(a, b));
  return {
    mailbox: null,
    waitingReason: `Every outgoing mailbox is failing; the next one will be tried again at ${new Date(reopen).toISOString()}.`,
    retryAt: new Date(reopen),
  };
}
