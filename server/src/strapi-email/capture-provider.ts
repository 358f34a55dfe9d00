/*
 * Makes the plugin the delivery path of Strapi's own email plugin, so `service('email').send`,
 * `sendTemplatedEmail` (admin password resets, invitations) and users-permissions mails land in the
 * outbox with routing, retries and the mail log. Installed in register(), before any bootstrap: the
 * email plugin's bootstrap then sets its configured provider, which we keep as the fallback used when
 * capture is switched off. Attachments given as a file path or URL are kept; what the outbox cannot
 * store (content in memory) is left out, logged and noted on the message.
 */
import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../config/plugin-config';
import { triageMailAttachments } from '../core/delivery/mail-attachments';
import type { SendInput } from '../core/delivery/send-input';

interface StrapiEmailOptions {
  from?: string;
  to?: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  replyTo?: string;
  subject?: string;
  text?: string;
  html?: string;
  attachments?: unknown[];
  [key: string]: unknown;
}

interface EmailProvider {
  send(options: StrapiEmailOptions): Promise<unknown>;
  [key: string]: unknown;
}

/** `send` queues one message in the outbox (the notifications API's send()). */
export function installStrapiEmailCapture(strapi: Core.Strapi, send: (mail: SendInput) => Promise<unknown>) {
  const emailPlugin = strapi.plugin('email') as unknown as { provider?: EmailProvider } | undefined;
  if (!emailPlugin) return;
  let configured: EmailProvider | undefined = emailPlugin.provider;

  const capture: EmailProvider = {
    async send(options: StrapiEmailOptions) {
      const attachments = triageMailAttachments(options.attachments ?? []);
      for (const lost of attachments.lost) strapi.log.warn(`[email-notifications] Strapi email: ${lost}`);
      // The mailbox decides the sender (servers refuse foreign senders); a requested sender becomes Reply-To.
      const replyTo = options.replyTo ?? (options.from ? extractAddress(options.from) : undefined);
      return send({
        to: options.to ?? [],
        ...(options.cc ? { cc: options.cc } : {}),
        ...(options.bcc ? { bcc: options.bcc } : {}),
        ...(replyTo ? { replyTo } : {}),
        subject: options.subject ?? '(no subject)',
        ...(options.text ? { text: options.text } : {}),
        ...(options.html ? { html: options.html } : {}),
        ...(!options.text && !options.html ? { text: '(empty message)' } : {}),
        ...(attachments.kept.length ? { attachments: attachments.kept } : {}),
        origin: { type: 'strapi-email', ...(attachments.lost.length ? { notes: attachments.lost } : {}) },
      });
    },
  };

  Object.defineProperty(emailPlugin, 'provider', {
    configurable: true,
    enumerable: true,
    get: () => (getPluginConfig(strapi).delivery.captureStrapiEmail ? capture : configured),
    set: (provider: EmailProvider) => {
      configured = provider;
    },
  });
}

function extractAddress(value: string): string {
  const match = /<([^<>]+)>\s*$/.exec(value);
  return (match ? match[1]! : value).trim();
}
