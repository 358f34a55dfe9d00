/*
 * The only code that reads and writes mailbox rows: create/update/delete with validation, secrets
 * encrypted at rest (re-encrypted after a key change by secret-rotation.ts), exactly one default OUT
 * mailbox, the default mailbox from the plugin options, decrypted connections for sending and the health
 * the delivery engine records. Responses go through toMailboxDto (no secrets). It knows nothing of the
 * outbox: changes are announced to `onChanged`. The OAuth2 token columns belong to oauth/token-store.ts;
 * this store only clears them when the settings the token was issued for change.
 */
import type { Core } from '@strapi/strapi';
import { expandDefaultMailbox } from '../config/schema';
import { getEncryptionKeys, getPluginConfig } from '../config/plugin-config';
import { MAILBOX_UID } from '../content-types/uids';
import { ConflictError, InputError, NotFoundError, PluginError } from '../core/errors';
import {
  authProblems,
  changesTokenBasis,
  mailboxCreateSchema,
  mailboxDefaults,
  mailboxFieldsSchema,
  mailboxUpdateSchema,
  SECRET_FIELDS,
  SECRET_LABELS,
  type MailboxFields,
  type SecretField,
} from '../core/mailboxes/mailbox-input';
import { readKeyring, type DkimKey, type DkimSigningKey } from '../core/deliverability/dkim-keyring';
import type { SpfHostCheck } from '../core/deliverability/mailbox-warnings';
import { parseInput } from '../core/parse-input';
import { CONNECTION_FIELDS, type MailboxConnection } from '../core/smtp/transport-options';
import { createDkimColumns } from './dkim-columns';
import { toMailboxDto, type StoredMailbox } from './mailbox-dto';
import { createSecretBox } from '../secrets/secret-box';
import { reencryptMailboxSecrets } from './secret-rotation';

export interface LoadedMailbox {
  row: StoredMailbox;
  connection: MailboxConnection | null;
  /** The DKIM keys every message of the mailbox is signed with (decrypted). */
  dkim: DkimSigningKey[];
  /** Why the connection could not be decrypted (the row is then skipped by routing, visibly). */
  connectionError: string | null;
}

export type MailboxHealthFields = Partial<{ consecutiveFailures: number; circuitOpenUntil: Date | null; lastFailure: string | null; lastFailureAt: Date; lastSuccessAt: Date }>;

export interface MailboxStoreHooks {
  /** A mailbox was created, changed or deleted (the outbox reloads its cache). */
  onChanged(): Promise<void>;
  /** A mailbox was deleted (task groups forget it). Runs inside the delete's transaction. */
  onRemoved(documentId: string): Promise<void>;
  /** Messages sent per mailbox today and in the last minute, for the list's usage column. */
  sentCounts(dayStart: Date, minuteStart: Date): Promise<Map<string, { today: number; lastMinute: number }>>;
}

export function createMailboxStore(strapi: Core.Strapi, hooks: MailboxStoreHooks) {
  const query = () => strapi.db.query(MAILBOX_UID);
  const secretBox = () => {
    const keys = getEncryptionKeys(strapi);
    return createSecretBox(keys.current, keys.previous);
  };
  const dkimColumns = createDkimColumns(secretBox);

  async function findRow(id: string): Promise<StoredMailbox> {
    const row = (await query().findOne({ where: { documentId: id } })) as StoredMailbox | null;
    if (!row) throw new NotFoundError('Mailbox', id);
    return row;
  }

  async function assertNameFree(name: string, exceptId?: number) {
    const clash = (await query().findOne({ where: { name } })) as StoredMailbox | null;
    if (clash && clash.id !== exceptId) {
      throw new ConflictError([{ path: 'name', message: `a mailbox named "${name}" already exists: choose another name` }]);
    }
  }

  /** Secrets in the input: string = encrypt and store, null = clear, absent = leave as is. */
  function encryptSecrets(fields: Partial<MailboxFields>): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    const box = SECRET_FIELDS.some((f) => typeof fields[f] === 'string' && fields[f]) ? secretBox() : null;
    for (const field of SECRET_FIELDS) {
      const value = fields[field];
      if (value === undefined) continue;
      out[field] = value ? box!.encrypt(value) : null;
    }
    return out;
  }

  /** Makes `id` the only default OUT mailbox. Runs inside the caller's transaction. */
  async function makeSoleDefault(id: number) {
    await query().updateMany({ where: { isDefault: true, id: { $ne: id } }, data: { isDefault: false } });
    await query().update({ where: { id }, data: { isDefault: true } });
  }

  /** Keeps "exactly one default" true after a delete or a disable: the best remaining OUT mailbox. */
  async function ensureSomeDefault() {
    const current = await query().findOne({ where: { isDefault: true } });
    if (current) return;
    const next = (await query().findOne({
      where: { direction: 'out' },
      orderBy: [{ enabled: 'desc' }, { priority: 'asc' }, { id: 'asc' }],
    })) as StoredMailbox | null;
    if (next) await query().update({ where: { id: next.id }, data: { isDefault: true } });
  }

  async function create(body: unknown) {
    const input = parseInput(mailboxCreateSchema, body);
    const fields = { ...mailboxDefaults, ...input };
    return insert(fields, 'admin');
  }

  async function insert(fields: MailboxFields, source: 'admin' | 'config') {
    if (fields.isDefault && fields.direction !== 'out') {
      throw new InputError([{ path: 'isDefault', message: 'only an outgoing (direction "out") mailbox can be the default' }]);
    }
    await assertNameFree(fields.name);
    const data = { ...fields, ...encryptSecrets(fields), source };
    const created = await strapi.db.transaction(async () => {
      const row = (await query().create({ data: { ...data, isDefault: false } })) as StoredMailbox;
      const hasDefault = await query().findOne({ where: { isDefault: true } });
      if (fields.direction === 'out' && (fields.isDefault || !hasDefault)) await makeSoleDefault(row.id);
      return row;
    });
    return dto(await findRow(created.documentId));
  }

  async function update(id: string, body: unknown) {
    const input = parseInput(mailboxUpdateSchema, body);
    const row = await findRow(id);
    const merged = { ...storedFields(row), ...input };
    const problems = authProblems(merged);
    if (input.isDefault === false && row.isDefault) {
      problems.push({ path: 'isDefault', message: 'one mailbox must stay the default: make another mailbox the default instead' });
    }
    if (merged.isDefault && merged.direction !== 'out') {
      problems.push({ path: 'isDefault', message: 'only an outgoing (direction "out") mailbox can be the default' });
    }
    if (problems.length) throw new InputError(problems);
    if (input.name !== undefined) await assertNameFree(input.name, row.id);
    const { isDefault, ...rest } = input;
    // New connection settings deserve a fresh chance: close the circuit opened by the old ones.
    const connectionChanged = CONNECTION_FIELDS.some((field) => input[field] !== undefined && input[field] !== (row as unknown as Record<string, unknown>)[field]);
    const healthReset = connectionChanged || input.enabled === true ? { consecutiveFailures: 0, circuitOpenUntil: null } : {};
    await strapi.db.transaction(async () => {
      await query().update({ where: { id: row.id }, data: { ...rest, ...encryptSecrets(input), ...healthReset, ...tokenReset(input, row) } });
      if (isDefault) await makeSoleDefault(row.id);
    });
    return dto(await findRow(id));
  }

  async function remove(id: string) {
    const row = await findRow(id);
    if (row.source === 'config') {
      throw new InputError([
        {
          path: '',
          message: "This mailbox comes from the plugin option 'defaultMailbox' and is recreated at every start: remove the option instead.",
        },
      ]);
    }
    await strapi.db.transaction(async () => {
      await query().delete({ where: { id: row.id } });
      await ensureSomeDefault();
      await hooks.onRemoved(row.documentId);
    });
  }

  /** Decrypted connection settings and DKIM keys, for the transport only. Never return this from a controller. */
  async function getConnection(id: string): Promise<{ mailbox: StoredMailbox; connection: MailboxConnection; dkim: DkimSigningKey[] }> {
    const row = await findRow(id);
    return { mailbox: row, connection: decryptConnection(row), dkim: dkimColumns.signingOf(row) };
  }

  /**
   * Changes a mailbox's DKIM keys: `change` gets the keyring and private keys and returns the new ones
   * (or throws an InputError, and nothing is written). Read and write share one transaction.
   */
  async function changeDkim<T>(id: string, change: (keys: DkimKey[], privateKeys: Record<string, string>) => { keys: DkimKey[]; privateKeys: Record<string, string>; result: T }): Promise<T> {
    const outcome = await strapi.db.transaction(async () => {
      const row = await findRow(id);
      const next = change(readKeyring(row.dkimKeys), dkimColumns.privateKeysOf(row));
      await query().update({ where: { id: row.id }, data: dkimColumns.columnsOf(next.keys, next.privateKeys) });
      return next.result;
    });
    await hooks.onChanged();
    return outcome;
  }

  function decryptConnection(row: StoredMailbox): MailboxConnection {
    const box = SECRET_FIELDS.some((f) => row[f]) ? secretBox() : null;
    const value = (field: (typeof CONNECTION_FIELDS)[number]) => {
      const stored = row[field];
      if (isSecretField(field)) return typeof stored === 'string' && stored && box ? box.decrypt(stored, SECRET_LABELS[field]) : null;
      return stored ?? '';
    };
    return Object.fromEntries(CONNECTION_FIELDS.map((field) => [field, value(field)])) as MailboxConnection;
  }

  /** The decrypted connection and DKIM keys, or why a secret cannot be decrypted (with the fix). */
  function openConnection(row: StoredMailbox): { connection: MailboxConnection | null; dkim: DkimSigningKey[]; problem: string | null } {
    try {
      return { connection: decryptConnection(row), dkim: dkimColumns.signingOf(row), problem: null };
    } catch (error) {
      return { connection: null, dkim: [], problem: (error as Error).message };
    }
  }

  /** The response shape, saying when a secret cannot be decrypted. */
  const dto = (row: StoredMailbox) => toMailboxDto(row, openConnection(row).problem);

  /**
   * Creates the mailbox described by the `defaultMailbox` option as the default, or updates its settings.
   * Which mailbox is the default stays the admin's choice once it exists: a restart never takes it back.
   * Without the option, a mailbox that came from it before is handed over to the admin (kept, editable).
   */
  async function syncDefaultFromConfig() {
    const option = getPluginConfig(strapi).defaultMailbox;
    const existing = (await query().findOne({ where: { source: 'config' } })) as StoredMailbox | null;
    if (!option) {
      if (existing) await query().update({ where: { id: existing.id }, data: { source: 'admin' } });
      return;
    }
    const fields: MailboxFields = { ...mailboxDefaults, ...(parseInput(mailboxCreateSchema, expandDefaultMailbox(option), 'defaultMailbox') as MailboxFields) };
    if (!existing) {
      const byName = (await query().findOne({ where: { name: fields.name } })) as StoredMailbox | null;
      if (byName) throw new PluginError('INVALID_CONFIG', `defaultMailbox.name: "${fields.name}" is already used by a mailbox created in the admin; choose another name.`);
      await insert({ ...fields, isDefault: true, direction: 'out' }, 'config');
      return;
    }
    const { isDefault: _ignored, ...rest } = fields;
    await query().update({ where: { id: existing.id }, data: { ...rest, ...encryptSecrets(fields), direction: 'out' } });
  }

  /** Every mailbox with its decrypted connection, for the delivery worker's cache. A mailbox whose
   * secret cannot be decrypted is returned with `connectionError` so the worker skips it visibly. */
  async function loadForSending(): Promise<LoadedMailbox[]> {
    const rows = (await query().findMany({ orderBy: [{ priority: 'asc' }, { id: 'asc' }] })) as StoredMailbox[];
    return rows.map((row) => {
      const { connection, dkim, problem } = openConnection(row);
      return { row, connection, dkim, connectionError: problem };
    });
  }

  async function recordHealth(documentId: string, data: MailboxHealthFields) {
    await query().update({ where: { documentId }, data });
  }

  const changed = () => hooks.onChanged();

  /** The last DNS check's SPF verdict for the mailbox's host, shown as a warning in the list. */
  async function recordSpfHostCheck(documentId: string, check: SpfHostCheck) {
    await query().update({ where: { documentId }, data: { spfHostCheck: check } });
  }

  /** After a sign-in: the mailbox gets a fresh chance (its circuit closes). */
  async function resetHealth(documentId: string) {
    await query().update({ where: { documentId }, data: { consecutiveFailures: 0, circuitOpenUntil: null } });
    await changed();
  }

  return {
    loadForSending,
    recordHealth,
    resetHealth,
    recordSpfHostCheck,
    /** Every mailbox, with what it sent today (UTC) and in the last minute, next to its limits. */
    async list() {
      const rows = (await query().findMany({ orderBy: [{ isDefault: 'desc' }, { priority: 'asc' }, { name: 'asc' }] })) as StoredMailbox[];
      const now = new Date();
      const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const counts = await hooks.sentCounts(day, new Date(now.getTime() - 60_000));
      return rows.map((row) => {
        const used = counts.get(row.documentId) ?? { today: 0, lastMinute: 0 };
        return { ...dto(row), usage: { sentToday: used.today, sentLastMinute: used.lastMinute } };
      });
    },
    async findOne(id: string) {
      return dto(await findRow(id));
    },
    create: async (body: unknown) => {
      const created = await create(body);
      await changed();
      return created;
    },
    update: async (id: string, body: unknown) => {
      const updated = await update(id, body);
      await changed();
      return updated;
    },
    remove: async (id: string) => {
      await remove(id);
      await changed();
    },
    getConnection,
    changeDkim,
    syncDefaultFromConfig,
    /** At start: secrets encrypted with a previous key are rewritten under the current one. */
    reencryptSecrets: () => reencryptMailboxSecrets(strapi, secretBox),
    /** This installation's own addresses (senders and logins), which the loop guard never mails. */
    async ownAddresses(): Promise<Set<string>> {
      const rows = (await query().findMany({ select: ['fromAddress', 'authUser'] })) as Pick<StoredMailbox, 'fromAddress' | 'authUser'>[];
      const addresses = new Set<string>();
      for (const row of rows) for (const value of [row.fromAddress, row.authUser]) if (value && value.includes('@')) addresses.add(value.toLowerCase());
      return addresses;
    },
    /** Enabled outgoing mailboxes with their circuit, for the outbox health. */
    enabledOutgoing: async () => (await query().findMany({ where: { direction: 'out', enabled: true }, select: ['name', 'circuitOpenUntil'] })) as Pick<StoredMailbox, 'name' | 'circuitOpenUntil'>[],
    /** The mailboxes with these ids (name and direction), for checks by other domains. */
    describe: async (ids: string[]) => (await query().findMany({ where: { documentId: { $in: ids } }, select: ['documentId', 'direction', 'name'] })) as Pick<StoredMailbox, 'documentId' | 'direction' | 'name'>[],
    /** A mailbox's DKIM keyring (public parts). */
    dkimKeysOf: async (id: string) => readKeyring((await findRow(id)).dkimKeys),
    /** Outgoing mailboxes with what the DNS checks need: sender, host and DKIM keys (public parts). */
    async forDeliverability(): Promise<{ id: string; name: string; fromAddress: string; host: string; port: number; security: string; keys: DkimKey[] }[]> {
      const rows = (await query().findMany({ where: { direction: 'out' }, select: ['documentId', 'name', 'fromAddress', 'host', 'port', 'security', 'dkimKeys'], orderBy: [{ isDefault: 'desc' }, { priority: 'asc' }, { name: 'asc' }] })) as StoredMailbox[];
      return rows.map((row) => ({ id: row.documentId, name: row.name, fromAddress: row.fromAddress, host: row.host, port: row.port, security: row.security, keys: readKeyring(row.dkimKeys) }));
    },
    /** Whether a mailbox with this name or id exists. */
    exists: async (nameOrId: string) => !!(await query().findOne({ where: { $or: [{ name: nameOrId }, { documentId: nameOrId }] }, select: ['id'] })),
  };
}

export type MailboxStore = ReturnType<typeof createMailboxStore>;

/** The admin-settable fields of a stored row (secrets left out), for merging with a partial update. */
function storedFields(row: StoredMailbox): Partial<MailboxFields> {
  const secretNames: readonly string[] = SECRET_FIELDS;
  const fieldNames = (Object.keys(mailboxFieldsSchema.shape) as (keyof MailboxFields)[]).filter((n) => !secretNames.includes(n));
  const out: Record<string, unknown> = {};
  for (const name of fieldNames) {
    const value = (row as unknown as Record<string, unknown>)[name];
    if (value !== null && value !== undefined) out[name] = value;
  }
  return out as Partial<MailboxFields>;
}

/** New OAuth2 settings: the stored access token (written by oauth/token-store) was issued for the old ones. */
function tokenReset(input: Partial<MailboxFields>, row: StoredMailbox) {
  return changesTokenBasis(input, row) ? { oauthAccessToken: null, oauthAccessTokenExpiresAt: null, oauthRefreshFailure: null, oauthRefreshFailedAt: null } : {};
}

const isSecretField = (field: string): field is SecretField => (SECRET_FIELDS as readonly string[]).includes(field);

