/*
 * A mailbox's subject prefix, which may name fields of the record the message is about
 * ("RMA#{{number}}", "TICKET#{{id}}"): filled from the record, logic-less. A prefix whose fields cannot
 * be filled (no record, missing field) is left out rather than sent half-empty. Pure.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

export function prefixNeedsRecord(prefix: string | null | undefined): boolean {
  return !!prefix && /\{\{/.test(prefix);
}

export function renderSubjectPrefix(prefix: string | null | undefined, record: Record<string, unknown> | null): string {
  if (!prefix) return '';
  let missing = false;
  const rendered = prefix.replace(PLACEHOLDER, (_match, path: string) => {
    const value = path.split('.').reduce<unknown>((obj, key) => (obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined), record);
    if (value === undefined || value === null || value === '' || typeof value === 'object') {
      missing = true;
      return '';
    }
    return String(value).replace(/[\r\n]+/g, ' ');
  });
  return missing ? '' : rendered;
}

export function applySubjectPrefix(subject: string, prefix: string): string {
  if (!prefix || subject.startsWith(prefix)) return subject;
  return `${prefix} ${subject}`;
}
