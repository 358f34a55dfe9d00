/*
 * Golden cases of the template language: escaping per part, blocks, lists for digests, refusals at
 * parse and check time, privacy of the context builder, and dates in the reader's time zone.
 */
import type { ContentModel, ModelLookup } from '../../server/src/core/schema/content-model';
import { checkTemplate } from '../../server/src/core/templates/template-input';
import { renderTemplate } from '../../server/src/core/templates/render-template';
import { recordContext, changesContext, nowContext, type RenderEnvironment } from '../../server/src/core/templates/template-context';
import { parseTemplate, type TemplateNode } from '../../server/src/core/templates/template-syntax';
import { composeMjml, includeProblems, mapMjmlError } from '../../server/src/core/templates/layout';
import { InputError } from '../../server/src/core/errors';

const MODELS: Record<string, ContentModel> = {
  'api::rma.rma': {
    uid: 'api::rma.rma',
    displayName: 'RMA',
    mainField: 'number',
    attributes: {
      number: { type: 'string' },
      stage: { type: 'enumeration', enum: ['received', 'authorized', 'shipped'] },
      receivedAt: { type: 'datetime' },
      dueOn: { type: 'date' },
      internalNotes: { type: 'text', private: true },
      customer: { type: 'relation', relation: 'manyToOne', target: 'api::customer.customer' },
    },
  },
  'api::customer.customer': {
    uid: 'api::customer.customer',
    displayName: 'Customer',
    attributes: { name: { type: 'string' }, email: { type: 'email' }, secret: { type: 'password' }, lastLoginIp: { type: 'string' } },
  },
};
const lookup: ModelLookup = (uid) => MODELS[uid];
const sensitive = { 'api::customer.customer': ['lastLoginIp'] };

function nodes(source: string): TemplateNode[] {
  const parsed = parseTemplate(source, 'mjml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.nodes;
}

const env = (timezone: string): RenderEnvironment => ({
  site: { name: 'Acme Support', url: 'https://acme.test', adminUrl: 'https://acme.test/admin', portalUrl: 'https://portal.acme.test' },
  timezone,
  locale: 'en-GB',
  now: new Date('2026-11-25T23:30:00Z'),
});

describe('rendering', () => {
  it.each([
    ['html escapes markup and quotes', '<p title="{{v}}">{{v}}</p>', { v: '<script>"x" & \'y\'</script>' }, 'html', '<p title="&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/script&gt;">&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/script&gt;</p>'],
    ['text keeps values as they are', 'Hi {{v}}', { v: '<b>Bob</b> & co' }, 'text', 'Hi <b>Bob</b> & co'],
    ['a subject loses line breaks (no header injection)', 'RMA {{v}}', { v: 'x\r\nBcc: evil@example.com' }, 'header', 'RMA x Bcc: evil@example.com'],
    ['a missing value prints nothing', '[{{a.b.c}}]', { a: null }, 'html', '[]'],
    ['an object prints nothing rather than [object Object]', '[{{a}}]', { a: { b: 1 } }, 'html', '[]'],
    ['numbers and booleans print', '{{n}} {{b}}', { n: 0, b: false }, 'text', '0 false'],
    ['if / else', '{{#if x}}yes{{else}}no{{/if}}', { x: '' }, 'text', 'no'],
    ['unless', '{{#unless x}}none{{/unless}}', { x: [] }, 'text', 'none'],
    ['each with @index, @first, @last and ../', '{{#each rows}}{{@index}}:{{name}}{{#if @last}}.{{else}},{{/if}}{{../sep}}{{/each}}', { rows: [{ name: 'a' }, { name: 'b' }], sep: ' ' }, 'text', '0:a, 1:b. '],
    ['each over nothing runs else', '{{#each rows}}x{{else}}empty{{/each}}', { rows: [] }, 'text', 'empty'],
    ['inherited properties are not reachable', '{{constructor}}{{__proto__}}{{a.toString}}', { a: 'x' }, 'text', ''],
  ])('%s', (_name, source, context, mode, expected) => {
    expect(renderTemplate(nodes(source), context, mode as 'html' | 'text' | 'header')).toBe(expected);
  });

  it('does not read properties of class instances', () => {
    class Secret {
      token = 'shh';
    }
    expect(renderTemplate(nodes('{{s.token}}'), { s: new Secret() }, 'text')).toBe('');
  });
});

describe('checking a template', () => {
  const base = { name: 't', category: 'record', contentType: 'api::rma.rma', subject: 'RMA {{record.number}}' };
  const problemsOf = (input: Record<string, unknown>) => {
    try {
      checkTemplate({ ...base, ...input }, { lookup, sensitive });
      return [];
    } catch (error) {
      if (error instanceof InputError) return error.problems.map((p) => `${p.path}: ${p.message}`);
      throw error;
    }
  };

  it.each([
    ['fine', '{{record.number}} {{record.customer.name}} {{changes.stage.to}} {{site.name}} {{now.date}}', []],
    ['a typo with a suggestion', '{{record.stag}}', ['mjml: line 1: "record" has no field "stag" (did you mean "stage"?)']],
    ['a private field', '\n{{record.internalNotes}}', ['mjml: line 2: "record.internalNotes" cannot be used: "internalNotes" is private in api::rma.rma and never reaches an email']],
    ['a password of a relation', '{{record.customer.secret}}', ['mjml: line 1: "record.customer.secret" cannot be used: "secret" is a password field of api::customer.customer and never reaches an email']],
    ['a sensitive field', '{{record.customer.lastLoginIp}}', [expect.stringContaining('is marked sensitive in the plugin settings')]],
    ['each over a value', '{{#each record.number}}x{{/each}}', ['mjml: line 1: {{#each record.number}} needs a list, and "record.number" is not one']],
    ['@index outside each', '{{@index}}', ['mjml: line 1: "@index" exists only inside {{#each}} (@index, @first, @last)']],
    ['a list printed as a value', '{{changeList}}', ['mjml: line 1: "changeList" is a list; loop over it with {{#each changeList}}…{{/each}}']],
    ['an each item field', '{{#each changeList}}{{field}} {{nope}}{{/each}}', ['mjml: line 1: there is no variable "nope"']],
  ])('%s', (_name, mjml, expected) => {
    expect(problemsOf({ mjml })).toEqual(expected);
  });

  it('checks digest lists against the content type', () => {
    expect(problemsOf({ category: 'digest', subject: '{{count}} RMAs', mjml: '{{#each records}}{{number}} {{customer.email}} {{internalNotes}}{{/each}} {{count}}' })).toEqual([
      'mjml: line 1: "internalNotes" cannot be used: "internalNotes" is private in api::rma.rma and never reaches an email',
    ]);
  });

  it('without a content type a record template is generic', () => {
    expect(problemsOf({ contentType: null, subject: '{{record.title}}', mjml: '{{record.adminUrl}} {{#each changeList}}{{field}}{{/each}}' })).toEqual([]);
    expect(problemsOf({ contentType: null, subject: '{{record.number}}', mjml: 'x' })).toEqual(['subject: line 1: "record" has no field "number"']);
  });

  it('needs a slot in a layout, and a subject elsewhere', () => {
    expect(problemsOf({ category: 'layout', contentType: null, subject: null, mjml: '<mjml></mjml>' })).toEqual(['mjml: a master layout needs the slot {{> content}} where each template\'s content goes']);
    expect(problemsOf({ subject: '', mjml: 'x' })).toEqual(['subject: is required']);
  });
});

describe('the render context', () => {
  const record = {
    id: 1,
    documentId: 'doc1',
    number: 'R-1',
    stage: 'authorized',
    receivedAt: '2026-11-25T23:30:00.000Z',
    dueOn: '2026-11-30',
    internalNotes: 'customer is difficult',
    customer: { name: 'Eve', email: 'eve@example.com', secret: 'hash', lastLoginIp: '81.2.69.142' },
  };

  it('copies only reachable fields, even when a template could name others', () => {
    const context = recordContext(record, MODELS['api::rma.rma']!, lookup, sensitive, env('UTC'));
    expect(context).not.toHaveProperty('internalNotes');
    expect(context.customer).toEqual({ name: 'Eve', email: 'eve@example.com' });
    expect(context).toMatchObject({ title: 'R-1', adminUrl: 'https://acme.test/admin/content-manager/collection-types/api::rma.rma/doc1' });
  });

  it.each([
    ['UTC', '25 Nov 2026, 23:30', '25 Nov 2026'],
    ['Europe/Berlin', '26 Nov 2026, 00:30', '26 Nov 2026'],
    ['America/New_York', '25 Nov 2026, 18:30', '25 Nov 2026'],
  ])('shows dates in %s', (zone, dateTime, today) => {
    const context = recordContext(record, MODELS['api::rma.rma']!, lookup, sensitive, env(zone));
    expect(context.receivedAt).toBe(dateTime);
    // A calendar date is the same day everywhere.
    expect(context.dueOn).toBe('30 Nov 2026');
    expect(nowContext(env(zone))).toMatchObject({ date: today, timezone: zone });
  });

  it('lists what changed', () => {
    const { changes, changeList } = changesContext({ ...record, stage: 'received' }, record, MODELS['api::rma.rma']!, sensitive, env('UTC'));
    expect(changes).toEqual({ stage: { from: 'received', to: 'authorized' } });
    expect(changeList).toEqual([{ field: 'stage', from: 'received', to: 'authorized' }]);
    const secret = changesContext({ ...record, internalNotes: 'old' }, record, MODELS['api::rma.rma']!, sensitive, env('UTC'));
    expect(secret.changeList).toEqual([]);
  });
});

describe('layouts', () => {
  it('maps MJML error lines back to the body or the layout', () => {
    const layout = '<mjml>\n<mj-body>\n{{> content}}\n</mj-body>\n</mjml>';
    const composed = composeMjml('<mj-section>\n<mj-bogus/>\n</mj-section>', layout);
    expect(composed.source.split('\n')[3]).toBe('<mj-bogus/>');
    expect(mapMjmlError(composed, 4, 'bad')).toEqual({ path: 'mjml', message: 'line 2: bad' });
    expect(mapMjmlError(composed, 1, 'bad')).toEqual({ path: 'layout', message: 'master layout: bad' });
    expect(composeMjml('<mjml><mj-body></mj-body></mjml>', layout).usesLayout).toBe(false);
  });

  it("sets the document's language from the template's locale, replacing one the layout wrote", () => {
    const layout = '<mjml lang="en" owa="desktop">\n<mj-body>\n{{> content}}\n</mj-body>\n</mjml>';
    expect(composeMjml('<mj-section></mj-section>', layout, 'de').source.split('\n')[0]).toBe('<mjml lang="de" owa="desktop">');
    expect(composeMjml('<mjml><mj-body></mj-body></mjml>', null, 'fr-CH').source).toBe('<mjml lang="fr-CH"><mj-body></mj-body></mjml>');
    expect(composeMjml('<mj-section></mj-section>', layout, null).source.split('\n')[0]).toBe('<mjml lang="en" owa="desktop">');
  });

  it('refuses <mj-include> with the line of the body or the layout', () => {
    const layout = '<mjml>\n<mj-head><mj-include path="./head.mjml" /></mj-head>\n<mj-body>\n{{> content}}\n</mj-body>\n</mjml>';
    const problems = includeProblems(composeMjml('<mj-section>\n<MJ-INCLUDE path="../../etc/passwd" />\n</mj-section>', layout));
    expect(problems).toHaveLength(2);
    expect(problems[0]!.path).toBe('layout');
    expect(problems[1]).toEqual({ path: 'mjml', message: expect.stringMatching(/^line 2: <mj-include> is not available: includes are off/) });
    expect(includeProblems(composeMjml('<mj-section><mj-text>mj-include is a word here</mj-text></mj-section>', layout.replace(/<mj-include[^>]*>/, '')))).toEqual([]);
  });
});
