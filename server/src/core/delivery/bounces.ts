/*
 * Which recipients of an attempt bounced for good, for the suppression list: the ones a server
 * refused at RCPT (or every recipient of a refused envelope), and the ones refused while the message
 * still went to the others. Pure.
 */
import { isCode } from '../smtp/smtp-error-codes';
import type { FailureKind } from './classify-error';

export interface Bounce {
  addresses: string[];
  reason: string;
}

interface RefusalError {
  code: string | null;
  command: string | null;
  message: string;
  response: string | null;
  rejected: string[];
}

/** A permanent refusal of the recipients (not of the content or the sender), or null. */
export function bounceOfRefusal(kind: FailureKind, error: RefusalError, recipients: string[]): Bounce | null {
  if (kind !== 'permanent') return null;
  if (!isCode(error.code, 'EENVELOPE') && !/^RCPT/i.test(error.command ?? '')) return null;
  return { addresses: error.rejected.length ? error.rejected : recipients, reason: error.response ?? error.message };
}

/** Recipients refused by a server that accepted the message for the others, or null. */
export function bounceOfPartialSuccess(rejected: string[], response: string | null): Bounce | null {
  return rejected.length ? { addresses: rejected, reason: response ?? 'refused by the receiving server' } : null;
}
