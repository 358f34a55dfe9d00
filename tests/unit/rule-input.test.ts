import { InputError } from '../../server/src/core/errors';
import type { FieldProblem } from '../../server/src/core/errors';
import type { Rule, RuleInput } from '../../server/src/core/rules/rule-input';
import { parseRule } from '../../server/src/core/rules/rule-input';

import { lookup } from '../helpers/rule-models';
const NOW = new Date('2026-11-25T08:00:00Z');
const OPTIONS = { lookup, sensitive: {}, now: NOW };

const BASE = {
  name: 'RMA authorised: tell the customer',
  trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
  conditions: { all: [{ field: 'stage', op: 'changedTo', value: 'authorized' }] },
  recipients: { to: [{ path: 'customer.email' }] },
  template: 'rma-stage-changed',
};

function problemsOf(input: unknown, options: Partial<typeof OPTIONS> & { knownResolvers?: Set<string> } = {}): FieldProblem[] {
  try {
    parseRule(input, { ...OPTIONS, ...options });
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseRule', () => {
  it('fills the defaults of a minimal rule', () => {
    expect(parseRule(BASE, OPTIONS)).toEqual({
      ...BASE,
      enabled: true,
      category: 'general',
      trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
      recipients: { to: [{ path: 'customer.email' }], cc: [], bcc: [] },
    });
    expect(parseRule({ ...BASE, conditions: undefined }, OPTIONS).conditions).toEqual({ all: [] });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['schedule', { type: 'schedule', cron: '0 8 * * 1-5', contentType: 'api::rma.rma' }, { timezone: 'UTC', sendWhenEmpty: false, maxRecords: 200, catchUp: 'runOnce' }],
    ['time', { type: 'time', contentType: 'api::rma.rma', field: 'receivedAt', olderThanHours: { field: 'tatHours' } }, { repeat: 'once', timezone: 'UTC', everyMinutes: 5, maxRecordsPerRun: 500 }],
    ['event', { type: 'event', name: 'rma.customer-replied' }, {}],
  ])('fills the defaults of a %s trigger', (_type, trigger, defaults) => {
    const rule = parseRule({ ...BASE, conditions: undefined, recipients: { to: [{ address: 'rma-team@example.com' }] }, trigger }, OPTIONS);
    expect(rule.trigger).toEqual({ ...trigger, ...defaults });
  });

  it('reads DESIGN\'s shorthand filters as a tree', () => {
    const rule = parseRule({ ...BASE, conditions: undefined, trigger: { type: 'schedule', cron: '0 8 * * *', timezone: 'Europe/Berlin', contentType: 'api::rma.rma', filters: { stage: 'received', tatHours: null } } }, OPTIONS);
    expect(rule.trigger).toMatchObject({ filters: { all: [{ field: 'stage', op: 'equals', value: 'received' }, { field: 'tatHours', op: 'isEmpty' }] } });
  });

  it.each([
    ['an email field', 'ownerEmail', 'ownerEmail'],
    ['an email through a relation', 'customer.email', 'customer.email'],
    ['a relation to a type with an email', 'customer', 'customer.email'],
    ['a relation to admin::user (private email, still an address)', 'owner', 'owner.email'],
    ['admin::user email spelt out', 'owner.email', 'owner.email'],
  ])('a recipient path to %s is stored as %s -> %s', (_what, path, stored) => {
    const rule = parseRule({ ...BASE, recipients: { to: [{ address: 'Team <TEAM@Example.COM>' }], cc: [{ path }] } }, OPTIONS);
    expect(rule.recipients).toEqual({ to: [{ address: 'TEAM@example.com', name: 'Team' }], cc: [{ path: stored }], bcc: [] });
  });

  it.each<[string, unknown, FieldProblem[]]>([
    ['a text field', { path: 'notes' }, [{ path: 'recipients.to.0.path', message: '"notes" is a text field, not an email address: point to an email field, like "customer.email"' }]],
    ['an unknown field', { path: 'customer.mail' }, [{ path: 'recipients.to.0.path', message: 'api::customer.customer has no field "customer.mail"; did you mean "customer.email"?' }]],
    ['a private field', { path: 'internalNotes' }, [{ path: 'recipients.to.0.path', message: '"internalNotes" is private in api::rma.rma and never reaches an email' }]],
    ['a relation without email', { path: 'customer.rmas' }, [{ path: 'recipients.to.0.path', message: expect.stringContaining('"customer.rmas" is a relation to api::rma.rma, which has no email field') }]],
    ['an invalid address', { address: 'rma-team' }, [{ path: 'recipients.to.0.address', message: 'must be one email address, like "rma-team@example.com"' }]],
    ['two addresses', { address: 'a@example.com, b@example.com' }, [{ path: 'recipients.to.0.address', message: 'must be one email address, like "rma-team@example.com"' }]],
    ['two kinds', { role: 'strapi-editor', subscribers: true }, [{ path: 'recipients.to.0', message: 'has "role" and "subscribers": an entry names one recipient kind; write one entry each' }]],
    ['no kind', { email: 'a@example.com' }, [{ path: 'recipients.to.0', message: expect.stringContaining('must be one of { "address": "team@example.com" }') }]],
    ['subscribers: false', { subscribers: false }, [{ path: 'recipients.to.0.subscribers', message: 'must be true' }]],
    ['an extra key', { address: 'a@example.com', nmae: 'A' }, [{ path: 'recipients.to.0', message: expect.stringContaining('unknown field(s) "nmae"') }]],
    ['an unknown resolver', { resolver: 'rma-ownr' }, [{ path: 'recipients.to.0.resolver', message: 'no resolver named "rma-ownr" is registered (registered: "rma-owner"); developers add them with registerRecipientResolver' }]],
  ])('refuses a recipient entry with %s', (_what, entry, expected) => {
    expect(problemsOf({ ...BASE, recipients: { to: [entry] } }, { knownResolvers: new Set(['rma-owner']) })).toEqual(expected);
  });

  it('types a rule written in code (RuleInput) and its parsed form (Rule)', () => {
    const input: RuleInput = {
      name: 'TAT exceeded',
      category: 'rma',
      trigger: { type: 'time', contentType: 'api::rma.rma', field: 'receivedAt', olderThanHours: { field: 'tatHours' }, repeat: 'daily', timezone: 'Europe/Berlin' },
      conditions: { not: { field: 'stage', op: 'in', value: ['shipped'] } },
      recipients: { to: [{ path: 'owner' }], bcc: [{ subscribers: true }] },
      template: { subject: 'RMA {{number}} is overdue', text: 'See {{number}}.' },
    };
    const rule: Rule = parseRule(input, OPTIONS);
    expect(rule.recipients).toEqual({ to: [{ path: 'owner.email' }], cc: [], bcc: [{ subscribers: true }] });
    expect(rule.trigger.type === 'time' && rule.trigger.everyMinutes).toBe(5);
  });

  it('accepts any resolver name when the registry is not given', () => {
    expect(problemsOf({ ...BASE, recipients: { bcc: [{ resolver: 'rma-owner' }, { role: 'strapi-editor' }, { subscribers: true }] } })).toEqual([]);
  });

  it.each([
    ['61 * * * *', 'constraint error, got value 61 expected range 0-59'],
    ['0 25 * * *', 'constraint error, got value 25 expected range 0-23'],
    ['0 8 * *', 'must have 5 fields ("minute hour day-of-month month day-of-week", like "0 8 * * 1-5") or 6 with seconds first, but "0 8 * *" has 4'],
    ['* * * * * * *', 'has 7'],
    ['', 'has 0'],
    ['0 0 31 2 *', 'invalid explicit day of month definition'],
    ['every day', 'has 2'],
  ])('refuses the cron %j with a reason', (cron, reason) => {
    const problems = problemsOf({ ...BASE, conditions: undefined, trigger: { type: 'schedule', cron, contentType: 'api::rma.rma' } });
    expect(problems).toEqual([{ path: 'trigger.cron', message: expect.stringContaining(reason) }]);
  });

  it.each(['*/30 * * * * *', '0 8 * * 1-5', '0 0 29 2 *', '15 7 * * MON'])('accepts the cron %j', (cron) => {
    expect(problemsOf({ ...BASE, conditions: undefined, trigger: { type: 'schedule', cron, contentType: 'api::rma.rma' } })).toEqual([]);
  });

  it.each([
    ['Mars/Olympus', [{ path: 'trigger.timezone', message: '"Mars/Olympus" is not a time zone: use an IANA name like "Europe/Berlin" or "UTC"' }]],
    ['+01:00', [{ path: 'trigger.timezone', message: expect.stringContaining('is not a time zone') }]],
    ['Europe/Berlin', []],
    ['America/Argentina/Buenos_Aires', []],
  ])('checks the time zone %s', (timezone, expected) => {
    expect(problemsOf({ ...BASE, conditions: undefined, trigger: { type: 'schedule', cron: '0 8 * * *', timezone, contentType: 'api::rma.rma' } })).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, FieldProblem[]]>([
    ['an unknown content type', { trigger: { type: 'record', contentType: 'api::rma.rmas', events: ['create'] } }, [{ path: 'trigger.contentType', message: 'there is no content type "api::rma.rmas": use the UID of a collection type, like "api::rma.rma"' }]],
    ['no event', { trigger: { type: 'record', contentType: 'api::rma.rma', events: [] } }, [{ path: 'trigger.events', message: 'needs at least one event: create, update, delete, publish, unpublish' }]],
    ['publish without draft & publish', { trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update', 'publish'] } }, [{ path: 'trigger.events', message: 'api::rma.rma has no draft & publish, so "publish" never happens: remove it' }]],
    ['an unknown trigger type', { trigger: { type: 'cron' } }, [{ path: 'trigger.type', message: 'must be "record", "schedule", "time" or "event"' }]],
    ['a change op in schedule filters', { conditions: undefined, trigger: { type: 'schedule', cron: '0 8 * * *', contentType: 'api::rma.rma', filters: { field: 'stage', op: 'changed' } } }, [{ path: 'trigger.filters.op', message: expect.stringContaining('"changed" compares with the previous version') }]],
    ['a time rule on a text field', { conditions: undefined, trigger: { type: 'time', contentType: 'api::rma.rma', field: 'notes', olderThanHours: { field: 'number' } } }, [
      { path: 'trigger.field', message: '"notes" is a text field; a time rule counts from a date or date-and-time field, like "receivedAt"' },
      { path: 'trigger.olderThanHours.field', message: '"number" is a text field; the hours must come from a number field, like "tatHours"' },
    ]],
    ['text hours', { conditions: undefined, trigger: { type: 'time', contentType: 'api::rma.rma', field: 'receivedAt', olderThanHours: '48' } }, [{ path: 'trigger.olderThanHours', message: expect.stringContaining('must be a number of hours (48) or { "field": "tatHours" }') }]],
    ['a change op in a time rule', { trigger: { type: 'time', contentType: 'api::rma.rma', field: 'receivedAt', olderThanHours: 48 } }, [{ path: 'conditions.all.0.op', message: expect.stringContaining('"changedTo" compares with the previous version') }]],
    ['a bad event name', { conditions: undefined, trigger: { type: 'event', name: 'RMA Replied', contentType: 'api::rma.rma' } }, [{ path: 'trigger.name', message: expect.stringContaining('like "rma.customer-replied"') }]],
    ['fields without a content type on an event', { conditions: { field: 'stage', op: 'isEmpty' }, attachments: ['photos'], trigger: { type: 'event', name: 'rma.replied' } }, [
      { path: 'attachments.0', message: expect.stringContaining('needs trigger.contentType') },
      { path: 'recipients.to.0.path', message: expect.stringContaining('needs trigger.contentType') },
    ]],
    ['no recipient', { recipients: { to: [], cc: [] } }, [{ path: 'recipients', message: 'needs at least one recipient in "to", "cc" or "bcc"' }]],
    ['an inline template without body', { template: { subject: 'RMA {{number}}', text: ' ' } }, [{ path: 'template', message: 'needs a body: "text", "mjml" or "html"' }]],
    ['a subject with a line break', { template: { subject: 'RMA\nBcc: x@evil.test', mjml: '<mjml/>' } }, [{ path: 'template.subject', message: expect.stringContaining('must not contain line breaks') }]],
    ['a template name with spaces', { template: 'RMA stage' }, [{ path: 'template', message: expect.stringContaining('must be the name of a saved template') }]],
    ['six attachments', { attachments: ['photos', 'a', 'b', 'c', 'd', 'e'] }, [
      { path: 'attachments', message: 'may name at most 5 media fields' },
      { path: 'attachments.1', message: expect.stringContaining('has no field "a"') },
      { path: 'attachments.2', message: expect.stringContaining('has no field "b"') },
      { path: 'attachments.3', message: expect.stringContaining('has no field "c"') },
      { path: 'attachments.4', message: expect.stringContaining('has no field "d"') },
      { path: 'attachments.5', message: expect.stringContaining('has no field "e"') },
    ]],
    ['an IP path to a number', { recipientIpPath: 'tatHours' }, [{ path: 'recipientIpPath', message: '"tatHours" is a number field; it must be a text field that holds an IP address, like "customer.lastLoginIp"' }]],
    ['a bad category', { category: 'RMA & Co' }, [{ path: 'category', message: expect.stringContaining('lower-case slug') }]],
  ])('refuses %s', (_what, change, expected) => {
    expect(problemsOf({ ...BASE, ...change })).toEqual(expected);
  });

  it('accepts the optional parts', () => {
    const rule = parseRule(
      { ...BASE, attachments: ['photos'], recipientIpPath: 'customer.lastLoginIp', taskGroup: 'rma', mailbox: 'eu-1', template: { subject: 'RMA {{number}}', mjml: '<mjml/>' } },
      OPTIONS,
    );
    expect(rule).toMatchObject({ attachments: ['photos'], recipientIpPath: 'customer.lastLoginIp' });
  });

  it('collects every problem at once, shape and model alike', () => {
    const problems = problemsOf(
      {
        name: '',
        trigger: { type: 'schedule', cron: '61 * * * *', timezone: 'Mars/Olympus', contentType: 'api::rma.rma', filters: { stag: 'x', stage: 'done' } },
        conditions: { all: [{ field: 'stage', op: 'changedTo', value: 'authorized' }, { field: 'internalNotes', op: 'isEmpty' }] },
        recipients: { to: [{ path: 'notes' }, { address: 'nope' }], cc: [{ resolver: 'who' }], bcc: [{ path: 'owner' }] },
        template: { subject: 'a\r\nb' },
        attachments: ['notes', 'photos'],
        recipientIpPath: 'tatHours',
        extra: 1,
      },
      { knownResolvers: new Set(['rma-owner']) },
    );
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        'name', 'trigger.cron', 'trigger.timezone', 'trigger.filters.all.0.field', 'trigger.filters.all.1.value', 'conditions.all.0.op', 'conditions.all.1.field',
        'recipients.to.0.path', 'recipients.to.1.address', 'recipients.cc.0.resolver', 'template.subject', 'template', 'attachments.0', 'recipientIpPath', '',
      ].sort(),
    );
    const error = (() => {
      try {
        parseRule({ ...BASE, name: '' }, OPTIONS);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('name: must not be empty');
  });
});
