/*
 * Decides what a failed SMTP attempt means for the message, from nodemailer's `code`/`responseCode`/
 * `command`. Pure. Three kinds:
 *  - transient: try the message again later (network trouble, timeouts, 4xx answers);
 *  - permanent: the message itself is refused (5xx to a recipient, the sender or the content): fail now;
 *  - mailbox:   the mailbox is unusable (login, TLS, DNS of the host): open its circuit, send elsewhere/later.
 */
import { DNS_ERROR_CODES, inGroup, isAuthResponse, isCode, mentionsCode } from '../smtp/smtp-error-codes';

export type FailureKind = 'transient' | 'permanent' | 'mailbox';

export interface AttemptError {
  code?: string | null;
  responseCode?: number | null;
  command?: string | null;
  message?: string | null;
}

export function classifyFailure(error: AttemptError): FailureKind {
  const code = error.code ?? '';
  const response = typeof error.responseCode === 'number' ? error.responseCode : null;
  const command = (error.command ?? '').toUpperCase();
  const message = error.message ?? '';

  // A temporary DNS failure is the network, not the configuration.
  if (isCode(code, 'EDNS') && mentionsCode(message, ...DNS_ERROR_CODES.temporary)) return 'transient';
  if (inGroup('mailbox', code)) return 'mailbox';
  if (command.startsWith('AUTH') || isAuthResponse(response)) return 'mailbox';
  if (response !== null && response >= 400 && response < 500) return 'transient';
  if (response !== null && response >= 500) {
    // 5xx on the greeting or EHLO says "this server won't talk to us", not "this message is bad".
    if (command === 'CONN' || command.startsWith('EHLO') || command.startsWith('HELO') || command.startsWith('STARTTLS')) return 'mailbox';
    return 'permanent';
  }
  if (inGroup('transient', code)) return 'transient';
  if (inGroup('message', code)) return 'permanent';
  // Unknown failures are retried: giving up on a message needs a clear "no" from the server.
  return 'transient';
}
