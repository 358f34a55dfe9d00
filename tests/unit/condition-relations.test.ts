/*
 * What a condition tree needs read before it can be evaluated: the relations and media its fields
 * start with, through all / any / not, and with `changesOnly` just those compared with the previous version.
 */
import { conditionRelations, loadedField } from '../../server/src/core/rules/condition-relations';
import type { Condition } from '../../server/src/core/rules/condition-tree';
import { MODELS } from '../helpers/rule-models';

const rma = MODELS['api::rma.rma']!;
const nested: Condition = {
  all: [
    { any: [{ field: 'customer.name', op: 'equals', value: 'Ada' }, { not: { field: 'owner.firstname', op: 'isEmpty' } }] },
    { field: 'stage', op: 'changed' },
    { not: { any: [{ field: 'photos', op: 'changedFrom', value: null }] } },
  ],
};

describe('conditionRelations', () => {
  it.each<[string, Condition, boolean, Record<string, true>]>([
    ['a scalar field', { field: 'stage', op: 'equals', value: 'received' }, false, {}],
    ['a relation by a path into it', { field: 'customer.email', op: 'isNotEmpty' }, false, { customer: true }],
    ['a relation by its own name', { field: 'owner', op: 'isEmpty' }, false, { owner: true }],
    ['a media field', { field: 'photos', op: 'isNotEmpty' }, false, { photos: true }],
    ['an unknown field', { field: 'missing.deeper', op: 'isEmpty' }, false, {}],
    ['every leaf under all, any and not', nested, false, { customer: true, owner: true, photos: true }],
    ['with changesOnly, only what a change operator compares', nested, true, { photos: true }],
    ['with changesOnly, a changed relation', { all: [{ field: 'customer', op: 'changed' }, { field: 'owner.firstname', op: 'equals', value: 'Ada' }] }, true, { customer: true }],
    ['nothing in empty groups', { any: [{ all: [] }] }, false, {}],
  ])('%s', (_name, tree, changesOnly, expected) => {
    const into: Record<string, true> = {};
    conditionRelations(tree, rma, into, changesOnly);
    expect(into).toEqual(expected);
  });

  it('adds to what is already there', () => {
    const into: Record<string, true> = { owner: true };
    conditionRelations({ field: 'customer.email', op: 'isNotEmpty' }, rma, into);
    expect(into).toEqual({ owner: true, customer: true });
  });
});

describe('loadedField', () => {
  it.each<[string, Record<string, true>, boolean]>([
    ['stage', {}, true],
    ['number', { customer: true }, true],
    ['customer.email', {}, false],
    ['customer.email', { customer: true }, true],
    ['owner', { customer: true }, false],
    ['photos', {}, false],
    ['photos', { photos: true }, true],
    ['missing.deeper', {}, true],
  ])('%s with %j populated is loaded: %s', (field, populated, expected) => {
    expect(loadedField(rma, populated)(field)).toBe(expected);
  });
});
