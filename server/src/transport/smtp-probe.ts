/*
 * One-off SMTP conversations for the admin's debugging tools: "Check" (connect, TLS, login) and
 * "Send test email" (a real message). Each uses a fresh, unpooled nodemailer transport that records
 * the transcript with secrets masked, and is closed afterwards. Never throws: failures are results.
 */
import nodemailer from 'nodemailer';
import type { DkimSigningKey } from '../core/deliverability/dkim-keyring';
import { explainSmtpFailure, type FailureExplanation } from '../core/smtp/explain-failure';
import { redactSecrets } from '../core/smtp/redact';
import { createTranscript } from '../core/smtp/transcript';
import { dkimMessageOptions, useEd25519Signing } from './dkim-signing';
import { connectionSecrets, toTransportOptions, type MailboxConnection, type TimeoutsMs } from '../core/smtp/transport-options';

export interface SmtpErrorReport extends FailureExplanation {
  message: string;
  code: string | null;
  responseCode: number | null;
  command: string | null;
  response: string | null;
}

export interface ProbeResult {
  ok: boolean;
  transcript: string[];
  error?: SmtpErrorReport;
}

export interface TestSendResult extends ProbeResult {
  messageId?: string;
  response?: string;
  accepted?: string[];
  rejected?: string[];
}

export interface TestMessage {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Signed like the mailbox's real messages. */
  dkim?: DkimSigningKey[];
}

type Settings = MailboxConnection & { port: number };

function createProbeTransport(connection: Settings, timeouts: TimeoutsMs, logger: unknown) {
  return nodemailer.createTransport({
    ...toTransportOptions(connection, timeouts),
    logger: logger as never,
    debug: true,
  } as never);
}

export async function verifyMailbox(connection: Settings, timeouts: TimeoutsMs): Promise<ProbeResult> {
  const secrets = connectionSecrets(connection);
  const transcript = createTranscript(secrets);
  const transport = createProbeTransport(connection, timeouts, transcript.logger);
  try {
    await transport.verify();
    return { ok: true, transcript: transcript.lines() };
  } catch (error) {
    return { ok: false, transcript: transcript.lines(), error: reportError(error, connection, secrets) };
  } finally {
    transport.close();
  }
}

export async function sendTestMessage(connection: Settings, message: TestMessage, timeouts: TimeoutsMs): Promise<TestSendResult> {
  const secrets = connectionSecrets(connection);
  const transcript = createTranscript(secrets);
  const transport = createProbeTransport(connection, timeouts, transcript.logger);
  useEd25519Signing(transport);
  const { dkim, ...mail } = message;
  try {
    const info = (await transport.sendMail({ ...mail, ...dkimMessageOptions(dkim) })) as {
      messageId?: string;
      response?: string;
      accepted?: unknown[];
      rejected?: unknown[];
    };
    const rejected = (info.rejected ?? []).map(String);
    const result: TestSendResult = {
      ok: rejected.length === 0,
      transcript: transcript.lines(),
      messageId: info.messageId,
      response: info.response ? redactSecrets(info.response, secrets) : undefined,
      accepted: (info.accepted ?? []).map(String),
      rejected,
    };
    return result;
  } catch (error) {
    return { ok: false, transcript: transcript.lines(), error: reportError(error, connection, secrets) };
  } finally {
    transport.close();
  }
}

/** Builds the admin-facing error: nodemailer's fields, masked, plus the plain-language explanation. */
export function reportError(error: unknown, connection: Settings, secrets: string[]): SmtpErrorReport {
  const e = (error ?? {}) as { message?: string; code?: string; responseCode?: number; command?: string; response?: string };
  const message = redactSecrets(String(e.message ?? error), secrets);
  const failure = {
    message,
    ...(e.code ? { code: e.code } : {}),
    ...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
    ...(e.command ? { command: e.command } : {}),
  };
  return {
    message,
    code: e.code ?? null,
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : null,
    command: e.command ?? null,
    response: e.response ? redactSecrets(e.response, secrets) : null,
    ...explainSmtpFailure(failure, connection),
  };
}
