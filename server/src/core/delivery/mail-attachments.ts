/*
 * Which attachments in nodemailer's shape (as Strapi's email plugin passes them) the outbox can keep.
 * The outbox stores a file path or an http(s) URL, never the bytes, so content held in memory is left
 * out. Pure: returns what is kept and a sentence for everything lost; logging is the caller's.
 */
import { zodProblems } from '../zod-problems';
import { attachmentInputSchema, MAX_ATTACHMENTS, type AttachmentInput } from './send-input';

/** The options of a nodemailer attachment that are stored; any other (cid, headers, encoding, ...) is not. */
const STORED_OPTIONS = new Set(['filename', 'contentType', 'path', 'href']);

export interface AttachmentTriage {
  kept: AttachmentInput[];
  /** What does not reach the outbox: one sentence per attachment (or its options), with the reason. */
  lost: string[];
}

type Verdict = { attachment: AttachmentInput; lost: string | null } | { attachment: null; lost: string };

export function triageMailAttachments(list: readonly unknown[]): AttachmentTriage {
  const triage: AttachmentTriage = { kept: [], lost: [] };
  list.forEach((item, index) => {
    const verdict = judge(item, index);
    if (verdict.attachment && triage.kept.length >= MAX_ATTACHMENTS) {
      triage.lost.push(`attachment "${verdict.attachment.filename}" left out: a message carries at most ${MAX_ATTACHMENTS} attachments`);
      return;
    }
    if (verdict.attachment) triage.kept.push(verdict.attachment);
    if (verdict.lost) triage.lost.push(verdict.lost);
  });
  return triage;
}

function judge(item: unknown, index: number): Verdict {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return { attachment: null, lost: `attachment ${index + 1} left out: it is not an attachment object` };
  const a = item as Record<string, unknown>;
  const source = typeof a.path === 'string' && a.path ? { path: a.path } : typeof a.href === 'string' && a.href ? { href: a.href } : null;
  const filename = typeof a.filename === 'string' && a.filename ? a.filename : defaultFilename(source?.path ?? source?.href ?? '', index);
  // nodemailer sends `raw` before a path, and a path before `content`: only a path or URL can be stored.
  if (a.raw !== undefined || !source) {
    return { attachment: null, lost: `attachment "${filename}" left out: its content is held in memory, and the outbox stores only a file path or an http(s) URL` };
  }
  const parsed = attachmentInputSchema.safeParse({ filename, ...(typeof a.contentType === 'string' ? { contentType: a.contentType } : {}), ...source });
  if (!parsed.success) {
    const problem = zodProblems(parsed.error)[0];
    return { attachment: null, lost: `attachment "${filename}" left out: ${problem?.path ? `${problem.path} ` : ''}${problem?.message ?? 'is not valid'}` };
  }
  const dropped = Object.keys(a).filter((key) => !STORED_OPTIONS.has(key) && a[key] !== undefined);
  const lost = dropped.length ? `attachment "${filename}" queued without its ${dropped.join(', ')}: the outbox stores only the file name, content type and path or URL` : null;
  return { attachment: parsed.data, lost };
}

/** The name nodemailer would give: the last segment of the path or URL, without a query. */
function defaultFilename(source: string, index: number): string {
  return source.split(/[/\\]/).pop()!.split('?')[0] || `attachment-${index + 1}`;
}
