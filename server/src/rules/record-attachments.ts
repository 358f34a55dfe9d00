/*
 * A rule's attachments: the files in media fields of the record, as the outbox stores them (a local
 * path for the local upload provider, the file's URL for cloud providers), within the size cap
 * (templates.maxAttachmentBytes). Files over the cap are left out with a note, never half-sent.
 */
import type { Core } from '@strapi/strapi';
import path from 'node:path';
import { getPluginConfig } from '../config/plugin-config';

export interface StoredAttachment {
  filename: string;
  contentType?: string;
  /** A file under Strapi's public folder (local upload provider). */
  path?: string;
  /** An absolute URL (cloud upload providers). */
  href?: string;
  size: number;
}

interface MediaFile {
  name?: string;
  url?: string;
  mime?: string;
  size?: number;
}

export async function attachmentsOf(strapi: Core.Strapi, record: Record<string, unknown>, fields: string[], notes: string[]): Promise<StoredAttachment[]> {
  const max = getPluginConfig(strapi).templates.maxAttachmentBytes;
  const publicDir = path.resolve(strapi.dirs.static.public);
  const out: StoredAttachment[] = [];
  let total = 0;
  for (const field of fields) {
    const value = record[field];
    const files = (Array.isArray(value) ? value : value ? [value] : []) as MediaFile[];
    for (const file of files) {
      if (!file?.url) continue;
      // Strapi stores media sizes in KB.
      const size = Math.round((file.size ?? 0) * 1024);
      if (total + size > max) {
        notes.push(`attachment "${file.name ?? file.url}" left out: the attachments would exceed ${max} bytes (templates.maxAttachmentBytes)`);
        continue;
      }
      total += size;
      const base = { filename: file.name ?? path.basename(file.url), ...(file.mime ? { contentType: file.mime } : {}), size };
      if (/^https?:\/\//.test(file.url)) {
        out.push({ ...base, href: file.url });
        continue;
      }
      const local = path.resolve(publicDir, `.${file.url}`);
      // A URL that climbs out of the public folder is not a media file of ours.
      if (!local.startsWith(publicDir + path.sep)) {
        notes.push(`attachment "${file.name ?? file.url}" left out: its path is outside the public folder`);
        continue;
      }
      out.push({ ...base, path: local });
    }
  }
  return out;
}
