/*
 * Key rotation for mailbox secrets: at start, every secret encrypted with a previous key is rewritten
 * under the current one. Owned by mailbox-store (the only writer of mailbox rows, which runs it). Each
 * write is a compare-and-set on the old ciphertext, so instances starting together, or an admin saving
 * a new password meanwhile, are never overwritten. Never logs a secret; one no key opens is left as is.
 */
import type { Core } from '@strapi/strapi';
import { MAILBOX_UID } from '../content-types/uids';
import { STORED_SECRET_FIELDS as SECRET_FIELDS, STORED_SECRET_LABELS as SECRET_LABELS, type StoredSecretField as SecretField } from '../core/mailboxes/mailbox-input';
import type { SecretBox } from '../secrets/secret-box';
import type { StoredMailbox } from './mailbox-dto';

type SecretRow = Pick<StoredMailbox, 'id' | 'name' | SecretField>;

export interface SecretRewrite {
  mailboxId: number;
  mailboxName: string;
  field: SecretField;
  /** The stored ciphertext the rewrite expects (compare-and-set). */
  from: string;
  to: string;
}

export interface RotationPlan {
  rewrites: SecretRewrite[];
  /** Secrets no known key opens: the mailbox and why, with the fix. */
  unreadable: { mailboxName: string; problem: string }[];
}

/** What to rewrite: pure apart from the encryption itself. */
export function planReencryption(rows: SecretRow[], box: SecretBox): RotationPlan {
  const plan: RotationPlan = { rewrites: [], unreadable: [] };
  for (const row of rows) {
    for (const field of SECRET_FIELDS) {
      const stored = row[field];
      if (!stored) continue;
      try {
        const to = box.reencrypt(stored, SECRET_LABELS[field]);
        if (to) plan.rewrites.push({ mailboxId: row.id, mailboxName: row.name, field, from: stored, to });
      } catch (error) {
        plan.unreadable.push({ mailboxName: row.name, problem: (error as Error).message });
      }
    }
  }
  return plan;
}

/** Writes the rewrites in one transaction; returns those applied (a changed row is left to its new value). */
export async function applyReencryption(strapi: Core.Strapi, rewrites: SecretRewrite[]): Promise<SecretRewrite[]> {
  if (!rewrites.length) return [];
  return strapi.db.transaction(async () => {
    const applied: SecretRewrite[] = [];
    for (const rewrite of rewrites) {
      // The old ciphertext in the WHERE is the compare-and-set: PostgreSQL and MySQL re-check it after
      // waiting for another instance's lock on the row, SQLite takes the write lock before reading it.
      const { count } = await strapi.db
        .query(MAILBOX_UID)
        .updateMany({ where: { id: rewrite.mailboxId, [rewrite.field]: rewrite.from }, data: { [rewrite.field]: rewrite.to } });
      if (count) applied.push(rewrite);
    }
    return applied;
  });
}

/** Re-encrypts what a previous key made, and reports what no key opens. Rows are read outside the
 * transaction: a SQLite transaction that read first cannot write after another instance committed. */
export async function reencryptMailboxSecrets(strapi: Core.Strapi, secretBox: () => SecretBox): Promise<void> {
  const rows = (await strapi.db.query(MAILBOX_UID).findMany({ select: ['id', 'name', ...SECRET_FIELDS] })) as SecretRow[];
  if (!rows.some((row) => SECRET_FIELDS.some((field) => row[field]))) return;
  let box: SecretBox;
  try {
    box = secretBox();
  } catch (error) {
    // No key at all: nothing can be read; each mailbox shows the same message until one is set.
    strapi.log.warn(`[email-notifications] ${(error as Error).message}`);
    return;
  }
  const plan = planReencryption(rows, box);
  const applied = await applyReencryption(strapi, plan.rewrites);
  if (applied.length) {
    const names = [...new Set(applied.map((r) => `"${r.mailboxName}"`))].join(', ');
    strapi.log.info(`[email-notifications] re-encrypted ${applied.length} mailbox secret(s) with the current encryption key: ${names}`);
  }
  for (const { mailboxName, problem } of plan.unreadable) strapi.log.warn(`[email-notifications] mailbox "${mailboxName}": ${problem}`);
}
