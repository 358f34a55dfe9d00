/*
 * Removes secrets from text that is shown to an admin or logged: SMTP transcripts, error messages.
 * Secrets can appear raw or base64-encoded (AUTH PLAIN/LOGIN), so both forms are masked.
 */

export const MASK = '********';

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    for (const form of secretForms(secret)) {
      out = out.split(form).join(MASK);
    }
  }
  return out;
}

function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret, encodeURIComponent(secret), base64(secret)]);
  // AUTH PLAIN sends base64("\0user\0pass"); any base64 block containing the secret is masked
  // by the line-level rule in redactAuthLine, this covers LOGIN (base64 of the password alone).
  return [...forms].filter((f) => f.length >= 3).sort((a, b) => b.length - a.length);
}

function base64(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}

/** Masks the credential part of AUTH commands in a transcript line, whatever the mechanism. */
export function redactAuthLine(line: string): string {
  return line.replace(/^(C: AUTH [A-Z0-9-]+ )(?!\/\* secret \*\/).+$/i, `$1${MASK}`);
}
