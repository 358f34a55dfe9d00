/*
 * Options the Options page edits as lines of text: sensitive fields (`uid: field, field`), the
 * blacklist (one entry per line) and the per-recipient caps (`3 per 30`: at most 3 notifications per
 * 30 minutes). Each kind formats the server's value and parses what the admin typed, with a problem
 * per bad line; whether the values make sense is the server's business. Pure.
 */
import type { MessageId } from '../../utils/use-t';
import { formatSensitiveFields, parseSensitiveFields } from './sensitive-fields';

export type TextSettingKind = 'sensitiveFields' | 'lines' | 'caps';

export type ParsedText = { ok: true; value: unknown } | { ok: false; problems: { line: number; message: MessageId }[] };

interface TextCodec {
  format(value: unknown): string;
  parse(text: string): ParsedText;
  placeholder: string;
}

const lines = (text: string) => text.split('\n').map((line, index) => ({ line: line.trim(), number: index + 1 })).filter(({ line }) => line);

const CAP = /^(\d+)\s*per\s*(\d+)$/i;

export const TEXT_SETTINGS: Record<TextSettingKind, TextCodec> = {
  sensitiveFields: {
    format: formatSensitiveFields,
    parse(text) {
      const parsed = parseSensitiveFields(text);
      return parsed.ok
        ? parsed
        : { ok: false, problems: parsed.problems.map(({ line, kind }) => ({ line, message: `email-notifications.options.privacy.sensitiveFields.${kind}` as MessageId })) };
    },
    placeholder: 'api::customer.customer: lastLoginIp, phone',
  },
  lines: {
    format: (value) => (Array.isArray(value) ? value.join('\n') : ''),
    parse: (text) => ({ ok: true, value: [...new Set(lines(text).map(({ line }) => line))] }),
    placeholder: 'mailer-daemon@*',
  },
  caps: {
    format: (value) => (Array.isArray(value) ? (value as { max: number; windowMinutes: number }[]).map((cap) => `${cap.max} per ${cap.windowMinutes}`).join('\n') : ''),
    parse(text) {
      const problems: { line: number; message: MessageId }[] = [];
      const caps = lines(text).flatMap(({ line, number }) => {
        const match = CAP.exec(line);
        if (!match) {
          problems.push({ line: number, message: 'email-notifications.options.flood.caps.badLine' });
          return [];
        }
        return [{ max: Number(match[1]), windowMinutes: Number(match[2]) }];
      });
      return problems.length ? { ok: false, problems } : { ok: true, value: caps };
    },
    placeholder: '3 per 30',
  },
};

export const isTextSetting = (kind: string): kind is TextSettingKind => Object.hasOwn(TEXT_SETTINGS, kind);
