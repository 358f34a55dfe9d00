import { zodProblems } from '../../server/src/core/zod-problems';
import { checkConditionFields, conditionSchema } from '../../server/src/core/rules/condition-tree';
import { couldHoldAfterUpdate, evaluateCondition, evaluatePartially, explainCondition } from '../../server/src/core/rules/condition-evaluate';
import { conditionToFilters } from '../../server/src/core/rules/condition-filters';
import { valueAtPath, valuesAtPath } from '../../server/src/core/rules/record-path';

import { lookup } from '../helpers/rule-models';
const NOW = new Date('2026-11-25T08:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const leaf = (field: string, op: string, value?: unknown) => ({ all: [value === undefined ? { field, op } : { field, op, value }] });

describe('record paths', () => {
  const record = {
    number: 'R-1',
    customer: { email: 'ada@example.com', rmas: [{ stage: 'received' }, { stage: null }, { stage: 'shipped' }] },
    photos: [],
    receivedAt: new Date('2026-11-20T00:00:00Z'),
  };
  it.each([
    ['number', ['R-1']],
    ['customer.email', ['ada@example.com']],
    ['customer.rmas.stage', ['received', 'shipped']],
    ['photos', []],
    ['missing.deeper', []],
    ['receivedAt', [new Date('2026-11-20T00:00:00Z')]],
    ['constructor', []],
  ])('%s', (path, expected) => {
    expect(valuesAtPath(record, path)).toEqual(expected);
  });
  it('takes the first value', () => {
    expect(valueAtPath(record, 'customer.rmas.stage')).toBe('received');
    expect(valueAtPath(null, 'a')).toBeUndefined();
  });
});

describe('condition tree shape', () => {
  const deep = (levels: number): unknown => (levels === 0 ? { field: 'stage', op: 'isEmpty' } : { not: deep(levels - 1) });
  it.each<[string, unknown]>([
    ['a leaf', { field: 'stage', op: 'equals', value: 'received' }],
    ['nested groups', { all: [{ any: [{ field: 'stage', op: 'in', value: ['received', 'authorized'] }, { not: { field: 'notes', op: 'isEmpty' } }] }] }],
    ['hours as a number', leaf('receivedAt', 'olderThan', 48)],
    ['hours as { hours }', leaf('receivedAt', 'olderThan', { hours: 48 })],
    ['hours from a field', leaf('receivedAt', 'withinLast', { field: 'tatHours' })],
    ['changedFrom null', leaf('stage', 'changedFrom', null)],
    ['a date bound', leaf('receivedAt', 'gte', '2026-11-01T00:00:00Z')],
    ['8 levels deep', deep(7)],
    ['empty groups', { any: [{ all: [] }] }],
  ])('accepts %s', (_name, tree) => {
    expect(conditionSchema.safeParse(tree).success).toBe(true);
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['an unknown op', leaf('stage', 'equal', 'x'), [{ path: 'all.0.op', message: expect.stringContaining('"equal" is not a known operator: use one of equals, notEquals, in, notIn, contains') }]],
    ['a missing op', { all: [{ field: 'stage' }] }, [{ path: 'all.0.op', message: expect.stringContaining('is required: use one of equals') }]],
    ['in without a list', leaf('stage', 'in', 'received'), [{ path: 'all.0.value', message: expect.stringContaining('must be a list') }]],
    ['a value for isEmpty', leaf('stage', 'isEmpty', 'x'), [{ path: 'all.0.value', message: '"isEmpty" takes no value: remove "value"' }]],
    ['no value for equals', leaf('stage', 'equals'), [{ path: 'all.0.value', message: 'is required: "equals" compares with a value' }]],
    ['an object for equals', leaf('stage', 'equals', { a: 1 }), [{ path: 'all.0.value', message: 'must be a text, a number or true/false' }]],
    ['text hours', leaf('receivedAt', 'olderThan', '48h'), [{ path: 'all.0.value', message: expect.stringContaining('must be a number of hours') }]],
    ['a non-date bound', leaf('receivedAt', 'lt', 'yesterday'), [{ path: 'all.0.value', message: expect.stringContaining('must be a number, or a date') }]],
    ['a bad field path', leaf('customer..email', 'isEmpty'), [{ path: 'all.0.field', message: expect.stringContaining('dotted path') }]],
    ['a group and a leaf at once', { all: [], field: 'stage', op: 'isEmpty' }, [{ path: '', message: expect.stringContaining('unknown field(s) "field", "op"') }]],
    ['a list for not', { not: [] }, [{ path: 'not', message: expect.stringContaining('must be { "all": [...] }') }]],
    ['a string node', { any: ['stage'] }, [{ path: 'any.0', message: expect.stringContaining('must be { "all"') }]],
    ['9 levels deep', deep(8), [{ path: 'not.not.not.not.not.not.not.not', message: 'is nested more than 8 levels deep: flatten the groups' }]],
    ['101 nodes', { any: Array.from({ length: 100 }, () => ({ field: 'stage', op: 'isEmpty' })) }, [{ path: '', message: expect.stringContaining('more than 100 conditions') }]],
  ])('refuses %s', (_name, tree, expected) => {
    const result = conditionSchema.safeParse(tree);
    expect(result.success).toBe(false);
    if (!result.success) expect(zodProblems(result.error)).toEqual(expected);
  });
});

describe('condition fields against the model', () => {
  const check = (tree: unknown, allowChangeOps = true) =>
    checkConditionFields(conditionSchema.parse(tree), { lookup, uid: 'api::rma.rma', sensitive: { 'api::customer.customer': ['lastLoginIp'] }, allowChangeOps, prefix: 'conditions' });

  it.each<[string, unknown]>([
    ['an enum value', leaf('stage', 'changedTo', 'authorized')],
    ['a relation path', leaf('customer.email', 'contains', '@example.com')],
    ['a to-many path', { all: [{ field: 'customer.rmas.stage', op: 'in', value: ['shipped'] }] }],
    ['a relation emptiness', leaf('owner', 'isEmpty')],
    ['date hours from a number field', leaf('receivedAt', 'olderThan', { field: 'tatHours' })],
    ['a number bound', leaf('tatHours', 'gt', 48)],
    ['a system date', leaf('createdAt', 'withinLast', 24)],
  ])('accepts %s', (_name, tree) => {
    expect(check(tree)).toEqual([]);
  });

  it.each<[string, unknown, boolean, { path: string; message: string }[]]>([
    ['a misspelt field', leaf('stag', 'equals', 'received'), true, [{ path: 'conditions.all.0.field', message: 'api::rma.rma has no field "stag"; did you mean "stage"?' }]],
    ['a misspelt relation field', leaf('customer.emial', 'isEmpty'), true, [{ path: 'conditions.all.0.field', message: 'api::customer.customer has no field "customer.emial"; did you mean "customer.email"?' }]],
    ['a private field', leaf('internalNotes', 'contains', 'x'), true, [{ path: 'conditions.all.0.field', message: '"internalNotes" is private in api::rma.rma and never reaches an email' }]],
    ['a sensitive field', leaf('customer.lastLoginIp', 'isEmpty'), true, [{ path: 'conditions.all.0.field', message: expect.stringContaining('marked sensitive') }]],
    ['a password', leaf('owner.password', 'isEmpty'), true, [{ path: 'conditions.all.0.field', message: '"password" is a password field of admin::user and never reaches an email' }]],
    ['a value outside the enum', leaf('stage', 'equals', 'authorised'), true, [{ path: 'conditions.all.0.value', message: '"authorised" is not a value of "stage": use one of "received", "authorized", "in-repair", "repaired", "shipped"' }]],
    ['values outside the enum', leaf('stage', 'in', ['received', 'done', 'closed']), true, [{ path: 'conditions.all.0.value', message: expect.stringMatching(/^"done", "closed" are not values of "stage"/) }]],
    ['a change op in a schedule', leaf('stage', 'changedTo', 'authorized'), false, [{ path: 'conditions.all.0.op', message: expect.stringContaining('"changedTo" compares with the previous version of the record') }]],
    ['olderThan on text', leaf('notes', 'olderThan', 4), true, [{ path: 'conditions.all.0.field', message: '"notes" is a text field; "olderThan" needs a date or date-and-time field, like "receivedAt"' }]],
    ['hours from a text field', leaf('receivedAt', 'olderThan', { field: 'notes' }), true, [{ path: 'conditions.all.0.value.field', message: '"notes" is a text field; the hours must come from a number field, like "tatHours"' }]],
    ['gt on text', leaf('notes', 'gt', 4), true, [{ path: 'conditions.all.0.field', message: '"notes" is a text field; "gt" needs a number or a date field' }]],
    ['a date for a number', leaf('tatHours', 'gte', '2026-11-01'), true, [{ path: 'conditions.all.0.value', message: '"tatHours" is a number field: compare it with a number (without quotes)' }]],
    ['contains on a number', leaf('tatHours', 'contains', '4'), true, [{ path: 'conditions.all.0.field', message: '"tatHours" is a number field; "contains" works on text fields only' }]],
    ['equals on a relation', leaf('customer', 'equals', 'x'), true, [{ path: 'conditions.all.0.field', message: expect.stringContaining('"customer" is a relation, which cannot be compared with a value') }]],
  ])('refuses %s', (_name, tree, allowChangeOps, expected) => {
    expect(check(tree, allowChangeOps)).toEqual(expected);
  });

  it('collects every problem of a tree', () => {
    const problems = check({ any: [leaf('stag', 'isEmpty'), { not: leaf('stage', 'changed') }, leaf('stage', 'equals', 'x')] }, false);
    expect(problems.map((p) => p.path)).toEqual(['conditions.any.0.all.0.field', 'conditions.any.1.not.all.0.op', 'conditions.any.2.all.0.value']);
  });
});

describe('evaluating conditions', () => {
  const rma = {
    stage: 'authorized',
    notes: 'Screen CRACKED on arrival',
    tatHours: 24,
    receivedAt: hoursAgo(30),
    customer: { documentId: 'c1', email: 'ada@example.com', rmas: [{ stage: 'received' }, { stage: 'shipped' }] },
    photos: [],
    emptyText: '',
  };
  it.each<[string, unknown, unknown, unknown, boolean]>([
    ['changedTo on create', leaf('stage', 'changedTo', 'authorized'), rma, null, true],
    ['changedTo when it already was', leaf('stage', 'changedTo', 'authorized'), rma, { stage: 'authorized' }, false],
    ['changedTo from another value', leaf('stage', 'changedTo', 'authorized'), rma, { stage: 'received' }, true],
    ['changedFrom', leaf('stage', 'changedFrom', 'received'), rma, { stage: 'received' }, true],
    ['changedFrom on create', leaf('stage', 'changedFrom', 'received'), rma, null, false],
    ['changedFrom null (was empty)', leaf('notes', 'changedFrom', null), rma, { notes: '' }, true],
    ['changed on create with a value', leaf('notes', 'changed'), rma, null, true],
    ['changed on create without a value', leaf('missing', 'changed'), rma, null, false],
    ['changed from null to empty text', leaf('emptyText', 'changed'), rma, { emptyText: null }, false],
    ['changed: the same relation populated differently', leaf('customer', 'changed'), rma, { customer: { documentId: 'c1' } }, false],
    ['changed: another relation', leaf('customer', 'changed'), rma, { customer: { documentId: 'c2' } }, true],
    ['changed: a list in another order', leaf('customer.rmas.stage', 'changed'), rma, { customer: { rmas: [{ stage: 'shipped' }, { stage: 'received' }] } }, false],
    ['equals is case-sensitive', leaf('stage', 'equals', 'Authorized'), rma, null, false],
    ['contains ignores case', leaf('notes', 'contains', 'cracked'), rma, null, true],
    ['equals through a relation', leaf('customer.email', 'equals', 'ada@example.com'), rma, null, true],
    ['any element of a to-many relation', leaf('customer.rmas.stage', 'equals', 'shipped'), rma, null, true],
    ['notEquals: no element equals', leaf('customer.rmas.stage', 'notEquals', 'shipped'), rma, null, false],
    ['notEquals on a missing field', leaf('missing', 'notEquals', 'x'), rma, null, true],
    ['in', leaf('stage', 'in', ['received', 'authorized']), rma, null, true],
    ['notIn', leaf('stage', 'notIn', ['received', 'authorized']), rma, null, false],
    ['equals a quoted number', leaf('tatHours', 'equals', '24'), rma, null, true],
    ['gt', leaf('tatHours', 'gt', 24), rma, null, false],
    ['gte', leaf('tatHours', 'gte', 24), rma, null, true],
    ['lt on an empty field', leaf('missing', 'lt', 5), rma, null, false],
    ['dates as instants', leaf('at', 'equals', '2026-11-25T09:00:00+01:00'), { at: new Date('2026-11-25T08:00:00Z') }, null, true],
    ['a date bound', leaf('receivedAt', 'lt', '2026-11-24T00:00:00Z'), rma, null, false],
    ['isEmpty on empty text', leaf('emptyText', 'isEmpty'), rma, null, true],
    ['isEmpty on an empty list', leaf('photos', 'isEmpty'), rma, null, true],
    ['isEmpty on a missing relation', leaf('owner.email', 'isEmpty'), rma, null, true],
    ['isNotEmpty', leaf('notes', 'isNotEmpty'), rma, null, true],
    ['olderThan hours', leaf('receivedAt', 'olderThan', 48), rma, null, false],
    ['olderThan { hours }', leaf('receivedAt', 'olderThan', { hours: 29 }), rma, null, true],
    ['olderThan hours from the record', leaf('receivedAt', 'olderThan', { field: 'tatHours' }), rma, null, true],
    ['olderThan without hours on the record', leaf('receivedAt', 'olderThan', { field: 'missing' }), rma, null, false],
    ['withinLast', leaf('receivedAt', 'withinLast', 48), rma, null, true],
    ['withinLast, a future date', leaf('due', 'withinLast', 48), { due: '2026-11-26T00:00:00Z' }, null, false],
    ['an empty all', { all: [] }, rma, null, true],
    ['an empty any', { any: [] }, rma, null, false],
    ['not', { not: leaf('stage', 'equals', 'authorized') }, rma, null, false],
    ['any of two', { any: [leaf('stage', 'equals', 'x'), leaf('tatHours', 'lte', 24)] }, rma, null, true],
  ])('%s', (_name, tree, record, previous, expected) => {
    expect(evaluateCondition(conditionSchema.parse(tree), { record, previous, now: NOW })).toBe(expected);
  });

  it('explains every node for the dry run', () => {
    const tree = conditionSchema.parse({ all: [leaf('stage', 'changedTo', 'authorized').all[0], { not: leaf('receivedAt', 'olderThan', { field: 'tatHours' }).all[0] }] });
    expect(explainCondition(tree, { record: rma, previous: { stage: 'received' }, now: NOW })).toEqual({
      label: 'all of these are true',
      matched: false,
      children: [
        { label: 'stage changed to "authorized"', matched: true, detail: 'now "authorized", before "received"' },
        {
          label: 'this is not true',
          matched: false,
          children: [{ label: 'receivedAt is older than "tatHours" hours', matched: true, detail: `now ${JSON.stringify(hoursAgo(30))}` }],
        },
      ],
    });
  });
});

describe('conditions as Strapi filters', () => {
  const model = { lookup, uid: 'api::rma.rma' };
  const cutoff48 = hoursAgo(48);
  it.each<[string, unknown, { filters: unknown; exact: boolean }]>([
    ['equals', leaf('stage', 'equals', 'received'), { filters: { stage: { $eq: 'received' } }, exact: true }],
    ['a relation path', { field: 'customer.email', op: 'contains', value: '@example.com' }, { filters: { customer: { email: { $containsi: '@example.com' } } }, exact: true }],
    ['notEquals keeps empty fields', { field: 'stage', op: 'notEquals', value: 'shipped' }, { filters: { $or: [{ stage: { $ne: 'shipped' } }, { stage: { $null: true } }] }, exact: true }],
    ['olderThan hours', { field: 'receivedAt', op: 'olderThan', value: { hours: 48 } }, { filters: { receivedAt: { $lt: cutoff48 } }, exact: true }],
    ['withinLast', { field: 'receivedAt', op: 'withinLast', value: 48 }, { filters: { receivedAt: { $gte: cutoff48, $lte: NOW.toISOString() } }, exact: true }],
    ['isEmpty on text', { field: 'notes', op: 'isEmpty' }, { filters: { $or: [{ notes: { $null: true } }, { notes: { $eq: '' } }] }, exact: true }],
    ['isEmpty on a number', { field: 'tatHours', op: 'isEmpty' }, { filters: { tatHours: { $null: true } }, exact: true }],
    ['isEmpty on a relation', { field: 'owner', op: 'isEmpty' }, { filters: { owner: { id: { $null: true } } }, exact: true }],
    ['not pushed down to the leaf', { not: { any: [leaf('stage', 'in', ['shipped']).all[0], { field: 'tatHours', op: 'gt', value: 48 }] } }, {
      filters: { $and: [{ $or: [{ stage: { $notIn: ['shipped'] } }, { stage: { $null: true } }] }, { $or: [{ tatHours: { $lte: 48 } }, { tatHours: { $null: true } }] }] },
      exact: true,
    }],
    ['a change op is left to JS', { all: [leaf('stage', 'changed').all[0], leaf('stage', 'equals', 'received').all[0]] }, { filters: { stage: { $eq: 'received' } }, exact: false }],
    ['hours from a field are left to JS', { field: 'receivedAt', op: 'olderThan', value: { field: 'tatHours' } }, { filters: null, exact: false }],
    ['an any with an inexpressible member', { any: [leaf('stage', 'equals', 'received').all[0], { field: 'receivedAt', op: 'olderThan', value: { field: 'tatHours' } }] }, { filters: null, exact: false }],
    ['a to-many path is left to JS', { field: 'customer.rmas.stage', op: 'equals', value: 'x' }, { filters: null, exact: false }],
    ['an empty all', { all: [] }, { filters: {}, exact: true }],
    ['an empty any', { any: [] }, { filters: { id: { $null: true } }, exact: true }],
  ])('%s', (_name, tree, expected) => {
    expect(conditionToFilters(conditionSchema.parse(tree), NOW, model)).toEqual(expected);
  });

  it('without the model, assumes to-one paths and leaves isEmpty to JS', () => {
    expect(conditionToFilters(conditionSchema.parse({ field: 'customer.email', op: 'equals', value: 'a@b.c' }), NOW)).toEqual({ filters: { customer: { email: { $eq: 'a@b.c' } } }, exact: true });
    expect(conditionToFilters(conditionSchema.parse({ field: 'notes', op: 'isEmpty' }), NOW)).toEqual({ filters: null, exact: false });
  });
});

describe('evaluatePartially (relations read only when a rule needs them)', () => {
  const record = { stage: 'authorized', number: 'R-1' };
  const previous = { stage: 'received', number: 'R-1' };
  const scalarsOnly = (field: string) => !field.includes('.');
  it.each([
    ['a false scalar settles an all', { all: [{ field: 'stage', op: 'changedTo', value: 'shipped' }, { field: 'customer.email', op: 'isNotEmpty' }] }, false],
    ['a true scalar settles an any', { any: [{ field: 'stage', op: 'changed' }, { field: 'customer.email', op: 'isEmpty' }] }, true],
    ['an all that depends on a relation is unknown', { all: [{ field: 'stage', op: 'changedTo', value: 'authorized' }, { field: 'customer.email', op: 'isNotEmpty' }] }, null],
    ['not of unknown is unknown', { not: { field: 'customer.email', op: 'isEmpty' } }, null],
    ['scalars alone are final', { all: [{ field: 'number', op: 'equals', value: 'R-1' }] }, true],
  ])('%s', (_name, tree, expected) => {
    expect(evaluatePartially(tree as never, { record, previous, now: NOW }, scalarsOnly)).toBe(expected);
  });
});

describe('couldHoldAfterUpdate (skip rules an update cannot trigger)', () => {
  it.each([
    ['a change of a field not written', { field: 'stage', op: 'changedTo', value: 'authorized' }, ['notes'], false],
    ['a change of a written field', { field: 'stage', op: 'changedTo', value: 'authorized' }, ['stage'], true],
    ['a relation written', { field: 'customer.email', op: 'changed' }, ['customer'], true],
    ['an all with an impossible change', { all: [{ field: 'stage', op: 'changed' }, { field: 'number', op: 'equals', value: 'x' }] }, ['notes'], false],
    ['an any with one possible leaf', { any: [{ field: 'stage', op: 'changed' }, { field: 'number', op: 'equals', value: 'x' }] }, ['notes'], true],
    ['no change operator at all', { field: 'number', op: 'equals', value: 'x' }, [], true],
    ['not of an impossible change is always true', { not: { field: 'stage', op: 'changed' } }, ['notes'], true],
    ['an empty all', { all: [] }, ['notes'], true],
  ])('%s', (_name, tree, written, expected) => {
    expect(couldHoldAfterUpdate(tree as never, new Set(written as string[]))).toBe(expected);
  });
});
