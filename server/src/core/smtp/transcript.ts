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
  const record = (entry: unknown, message?: unknown, ...args: unknown[]) => {
    if (collected.length >= MAX_LINES) return;
    const tnx = typeof entry === 'object' && entry && 'tnx' in entry ? String((entry as { tnx: unknown }).tnx) : '';
    const text = typeof message === 'string' ? format(message, ...args) : format(message ?? '', ...args);
    for (const raw of text.split(/\r?\n/)) {
      if (!raw.trim()) continue;
      const line = redactAuthLine(`${PREFIX[tnx] ?? '* '}${raw}`);
      collected.push(redactSecrets(line, secrets).slice(0, MAX_LINE_LENGTH));
    }
  };
  return {
    logger: { trace: record, debug: record, info: record, warn: record, error: record, fatal: record },
    lines: () => [...collected],
  };
}
