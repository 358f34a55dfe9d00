/*
 * What a record firing keeps until its notification is queued: the key (one per rule, record, event
 * and version), which events read the record from the stored version, and that version cut down to
 * what a message may show or be addressed to.
 */
import { firingSnapshot, recordFiringKey, recordIsGone } from '../../server/src/core/rules/record-firing';
import { lookup, MODELS } from '../helpers/rule-models';

const rma = MODELS['api::rma.rma']!;

const raw = {
  id: 7,
  documentId: 'rma7',
  number: 'RMA-7',
  stage: 'received',
  notes: 'unpacked',
  internalNotes: 'customer was rude',
  updatedAt: '2026-01-02T03:04:05.000Z',
  customer: { id: 3, documentId: 'c3', name: 'Ada', email: 'ada@example.com', lastLoginIp: '81.2.69.142' },
  owner: { id: 1, firstname: 'Olga', email: 'olga@example.com', password: '$2a$10$hash', resetPasswordToken: 'secret' },
  photos: [{ id: 9, name: 'box.jpg', url: '/uploads/box.jpg', mime: 'image/jpeg', size: 12.5, provider_metadata: { key: 'k' } }],
};

describe('firingSnapshot', () => {
  const snapshot = firingSnapshot(raw, rma, lookup, { 'api::customer.customer': ['lastLoginIp'] });

  it('keeps the fields a message may show, with related records one level deep', () => {
    expect(snapshot).toMatchObject({ id: 7, documentId: 'rma7', number: 'RMA-7', stage: 'received', notes: 'unpacked', updatedAt: raw.updatedAt });
    expect(snapshot.customer).toEqual({ id: 3, documentId: 'c3', name: 'Ada', email: 'ada@example.com' });
  });

  it('leaves out private, password and sensitive fields, but keeps email fields recipients are addressed to', () => {
    expect(snapshot).not.toHaveProperty('internalNotes');
    expect(snapshot.owner).toEqual({ id: 1, firstname: 'Olga', email: 'olga@example.com' });
    expect(snapshot.customer).not.toHaveProperty('lastLoginIp');
  });

  it('keeps only what attachments need of media files', () => {
    expect(snapshot.photos).toEqual([{ id: 9, name: 'box.jpg', url: '/uploads/box.jpg', mime: 'image/jpeg', size: 12.5 }]);
  });

  it('leaves relations that were not read out, and keeps empty ones empty', () => {
    const bare = firingSnapshot({ id: 8, number: 'RMA-8', customer: null, owner: undefined }, rma, lookup, {});
    expect(bare).toEqual({ id: 8, number: 'RMA-8', customer: null });
    expect(firingSnapshot({ id: 3, rmas: [{ id: 7, number: 'RMA-7', internalNotes: 'x' }] }, MODELS['api::customer.customer']!, lookup, {})).toEqual({ id: 3, rmas: [{ id: 7, number: 'RMA-7' }] });
  });
});

describe('recordFiringKey and recordIsGone', () => {
  it('names one firing of one rule on one version of a record', () => {
    expect(recordFiringKey('r1', 'rma7', 'update', '2026-01-02T03:04:05.000Z')).toBe('rule:r1:rma7:update:2026-01-02T03:04:05.000Z');
    expect(recordFiringKey('r1', 'rma7', 'update', 'a')).not.toBe(recordFiringKey('r1', 'rma7', 'publish', 'a'));
  });

  it.each([
    ['create', false],
    ['update', false],
    ['publish', false],
    ['delete', true],
    ['unpublish', true],
  ] as const)('%s: the record is gone afterwards: %s', (event, gone) => {
    expect(recordIsGone(event)).toBe(gone);
  });
});
