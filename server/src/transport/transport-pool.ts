/*
 * One pooled nodemailer SMTP transport per mailbox, rebuilt when the mailbox's connection settings
 * change, closed on shutdown. The pool only holds connections: it is not a queue. `maxRequeues: 0`
 * makes a dropped connection fail the send at once, so the outbox (not nodemailer's memory) retries it.
 * Messages are DKIM-signed with the keys they carry (dkim-signing.ts).
 */
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DkimSigningKey } from '../core/deliverability/dkim-keyring';
import { toTransportOptions, type MailboxConnection, type TimeoutsMs } from '../core/smtp/transport-options';
import { dkimMessageOptions, useEd25519Signing } from './dkim-signing';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  html?: string;
  text?: string;
  headers: Record<string, string>;
  messageId: string;
  textEncoding?: 'quoted-printable' | 'base64';
  /** A local file (`path`) or an http(s) URL (`href`) each. */
  attachments?: { filename: string; contentType?: string; path?: string; href?: string }[];
  /** The mailbox's DKIM keys: every message is signed with each. */
  dkim?: DkimSigningKey[];
}

export interface SendInfo {
  messageId: string;
  response: string;
  accepted: string[];
  rejected: string[];
}

interface PooledTransport {
  fingerprint: string;
  transport: Transporter;
}

export function createTransportPool(timeouts: () => TimeoutsMs) {
  const transports = new Map<string, PooledTransport>();

  function fingerprintOf(connection: MailboxConnection, poolSize: number): string {
    return createHash('sha256').update(JSON.stringify([connection, poolSize, timeouts()])).digest('hex');
  }

  function get(mailboxId: string, connection: MailboxConnection, poolSize: number): Transporter {
    const fingerprint = fingerprintOf(connection, poolSize);
    const existing = transports.get(mailboxId);
    if (existing && existing.fingerprint === fingerprint) return existing.transport;
    // Settings changed: new sends use a new pool; the old one finishes what it has, then closes.
    if (existing) existing.transport.close();
    const transport = nodemailer.createTransport({
      ...toTransportOptions(connection, timeouts()),
      pool: true,
      maxConnections: poolSize,
      maxMessages: 100,
      maxRequeues: 0,
    } as never);
    useEd25519Signing(transport);
    transports.set(mailboxId, { fingerprint, transport });
    return transport;
  }

  return {
    async send(mailboxId: string, connection: MailboxConnection, poolSize: number, mail: OutgoingMail): Promise<SendInfo> {
      const transport = get(mailboxId, connection, poolSize);
      const info = (await transport.sendMail({
        from: mail.from,
        to: mail.to,
        cc: mail.cc,
        bcc: mail.bcc,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.text ? { text: mail.text } : {}),
        headers: mail.headers,
        messageId: mail.messageId,
        ...(mail.textEncoding ? { textEncoding: mail.textEncoding } : {}),
        ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
        ...dkimMessageOptions(mail.dkim),
      })) as { messageId: string; response: string; accepted?: unknown[]; rejected?: unknown[] };
      return {
        messageId: info.messageId,
        response: info.response,
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
      };
    },
    /** Drops the transport of a mailbox (deleted, or its circuit opened). */
    release(mailboxId: string) {
      transports.get(mailboxId)?.transport.close();
      transports.delete(mailboxId);
    },
    closeAll() {
      for (const { transport } of transports.values()) transport.close();
      transports.clear();
    },
  };
}

export type TransportPool = ReturnType<typeof createTransportPool>;
