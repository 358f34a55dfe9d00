/*
 * Sending a message: validate the input, take the record's own mailbox, render the named template,
 * and write the message to the outbox (which returns at once; the delivery worker sends it). The
 * developer API's send() and sendMany(), and the rule dispatcher's queueGuarded(), all pass here.
 */
import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../config/plugin-config';
import { InputError } from '../core/errors';
import { normaliseSendInput, type NormalisedMessage, type SendInput } from '../core/delivery/send-input';
import type { SuppressedRecipient } from '../core/rules/flood-guard';
import type { Outbox } from '../outbox/outbox';
import type { MessageRow, NewMessage } from '../outbox/message-row';
import { strapiModelLookup } from '../records/model-lookup';
import { recordMailbox } from '../records/record-context';
import { loadRecord } from '../records/record-loader';
import { baseContext, recordTemplateContext, renderEnvironment } from '../templates/render-context';
import type { TemplateCatalog } from '../templates/template-catalog';

export interface SendResult {
  /** The outbox id of the message (its id in the mail log). */
  messageId: string;
  status: MessageRow['status'];
  /** False when the idempotency key matched an earlier message: nothing new was queued. */
  created: boolean;
}

export interface NotificationsDeps {
  outbox: Pick<Outbox, 'enqueue' | 'enqueueMany' | 'recordSuppressed'>;
  templates: Pick<TemplateCatalog, 'render'>;
}

export function createNotifications(strapi: Core.Strapi, deps: NotificationsDeps) {
  const { outbox } = deps;

  function toNewMessage(message: NormalisedMessage, now: Date, suppressed: SuppressedRecipient[] = []): NewMessage {
    const delaySeconds = message.delaySeconds ?? getPluginConfig(strapi).delivery.deliveryDelaySeconds;
    const sizeBytes = Buffer.byteLength(message.html ?? '') + Buffer.byteLength(message.text ?? '') + Buffer.byteLength(message.subject);
    return {
      fromAddress: null,
      fromName: null,
      replyTo: message.replyTo,
      to: message.to,
      cc: message.cc,
      bcc: message.bcc,
      recipientsText: [...message.to, ...message.cc, ...message.bcc].map((a) => a.address.toLowerCase()).join(', '),
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
      encoding: null,
      requestedMailbox: message.requestedMailbox,
      taskGroup: message.taskGroup,
      recipientIp: message.recipientIp,
      nextAttemptAt: new Date(now.getTime() + delaySeconds * 1000),
      messageId: null,
      idempotencyKey: message.idempotencyKey,
      originType: message.originType,
      origin: message.origin,
      sizeBytes,
      suppressedRecipients: suppressed.length ? suppressed : null,
      attachments: message.attachments.length ? message.attachments : null,
    };
  }

  /** A message about a record with its own mailbox goes through that mailbox, unless the call names one. */
  async function withRecordMailbox(message: NormalisedMessage): Promise<NormalisedMessage> {
    if (!message.record) return message;
    const mailbox = await recordMailbox(strapi, message.record);
    return mailbox && !message.requestedMailbox ? { ...message, requestedMailbox: mailbox } : message;
  }

  /**
   * Renders the named template: context = site, now, recipient, the record (when given) and `data`.
   * Explicit subject/html/text of the call win over the template's.
   */
  async function withTemplate(message: NormalisedMessage, now: Date): Promise<NormalisedMessage> {
    if (!message.template) return message;
    const env = renderEnvironment(strapi, now, message.template.timezone);
    const first = message.to[0] ?? message.cc[0] ?? message.bcc[0];
    let recordPart: Record<string, unknown> = {};
    if (message.record) {
      const lookup = strapiModelLookup(strapi);
      const record = await loadRecord(strapi, lookup, message.record.contentType, message.record.documentId, 'record.documentId');
      const sensitive = getPluginConfig(strapi).privacy.sensitiveFields;
      recordPart = recordTemplateContext({ model: lookup(message.record.contentType)!, lookup, sensitive, env, record });
    }
    const context = { ...baseContext(env), recipient: { email: first?.address ?? '', name: first?.name ?? '' }, ...recordPart, ...message.template.data };
    const rendered = await deps.templates.render(message.template.name, context, message.template.locale);
    return {
      ...message,
      subject: message.subject || rendered.subject,
      html: message.html ?? rendered.html,
      text: message.text ?? rendered.text,
      origin: { ...message.origin, template: message.template.name },
    };
  }

  return {
    /** Queues one email. Throws an InputError (with the fields at fault) on bad input; nothing is queued then. */
    async send(input: SendInput): Promise<SendResult> {
      const now = new Date();
      const message = await withTemplate(await withRecordMailbox(normaliseSendInput(input)), now);
      const { row, created } = await outbox.enqueue(toNewMessage(message, now));
      return { messageId: row.documentId, status: row.status, created };
    },

    /**
     * Queues many emails. All are validated first: if one is invalid, none is queued (the error names
     * it by index). They are then written in batches, and the first ones may go out before the last
     * ones are written.
     */
    async sendMany(inputs: SendInput[]): Promise<SendResult[]> {
      const now = new Date();
      const messages = inputs.map((input, index) => {
        try {
          return normaliseSendInput(input);
        } catch (error) {
          if (error instanceof InputError) throw new InputError(error.problems.map((p) => ({ ...p, path: `${index}.${p.path}` })));
          throw error;
        }
      });
      const resolved: NewMessage[] = [];
      for (const message of messages) resolved.push(toNewMessage(await withTemplate(await withRecordMailbox(message), now), now));
      const rows = await outbox.enqueueMany(resolved);
      return rows.map(({ row, created }) => ({ messageId: row.documentId, status: row.status, created }));
    },

    /**
     * For the rule engine: queues a rendered notification whose recipients already went through the
     * flood guards; `suppressed` is recorded on the message. With nobody left, the message is recorded
     * as cancelled with the reasons (never silently dropped).
     */
    async queueGuarded(input: SendInput, suppressed: SuppressedRecipient[], keptCount: number): Promise<SendResult> {
      const now = new Date();
      const message = await withRecordMailbox(normaliseSendInput(input));
      if (keptCount === 0) {
        const reason = `Not sent: every recipient was suppressed (${suppressed.map((s) => `${s.address} ${s.reason}`).join('; ')}).`;
        const { row, created } = await outbox.recordSuppressed(toNewMessage(message, now, suppressed), reason);
        return { messageId: row.documentId, status: row.status, created };
      }
      const { row, created } = await outbox.enqueue(toNewMessage(message, now, suppressed));
      return { messageId: row.documentId, status: row.status, created };
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
