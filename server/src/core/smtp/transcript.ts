/*
 * Collects an SMTP conversation as readable lines ("C: EHLO", "S: 250 ...", "* Connection established")
 * from nodemailer's bunyan-style logger calls, with secrets masked before a line is stored.
 * Pure: the caller passes it as nodemailer's `logger` option.
 */
import { format } from 'node:util';
import { redactAuthLine, redactSecrets } from './redact';

export interface TranscriptLogger {
  trace: (entry: unknown, message?: unknown, ...args: unknown[]) => void;
  debug: (entry: unknown, message?: unknown, ...args: unknown[]) => void;
  info: (entry: unknown, message?: unknown, ...args: unknown[]) => void;
  warn: (entry: unknown, message?: unknown, ...args: unknown[]) => void;
  error: (entry: unknown, message?: unknown, ...args: unknown[]) => void;
  fatal: (entry: unknown, message?: unknown, ...args: unknown[]) => void;
}

export interface Transcript {
  logger: TranscriptLogger;
  lines(): string[];
}

const PREFIX: Record<string, string> = { client: 'C: ', server: 'S: ' };
const MAX_LINES = 500;
const MAX_LINE_LENGTH = 2000;

export function createTranscript(secrets: readonly string[]): Transcript {
  const collected: string[] = [];
  let messageHeadersDone = false;
  const record = (entry: unknown, message?: unknown, ...args: unknown[]) => {
    if (collected.length >= MAX_LINES) return;
    const fields = (typeof entry === 'object' && entry ? entry : {}) as { tnx?: unknown; inByteCount?: unknown };
    const tnx = fields.tnx === undefined ? '' : String(fields.tnx);
    // The message itself is logged too: keep its headers (useful to debug), never its body
    // (bulky, and the place where private content would be).
    const isMessageContent = tnx === 'message' && fields.inByteCount === undefined;
    const text = typeof message === 'string' ? format(message, ...args) : format(message ?? '', ...args);
    for (const raw of text.split(/\r?\n/)) {
      if (isMessageContent) {
        if (messageHeadersDone) continue;
        if (!raw.trim()) {
          messageHeadersDone = true;
          continue;
        }
      }
      if (!raw.trim()) continue;
      const prefix = isMessageContent ? 'M: ' : (PREFIX[tnx] ?? '* ');
      const line = redactAuthLine(`${prefix}${raw}`);
      collected.push(redactSecrets(line, secrets).slice(0, MAX_LINE_LENGTH));
    }
  };
  return {
    logger: { trace: record, debug: record, info: record, warn: record, error: record, fatal: record },
    lines: () => [...collected],
  };
}
