/*
 * Masks secrets inside a stored email (reset codes, confirmation and registration tokens, JWTs):
 * what the admin sees and what stays in the database after sending. The copy sent on the wire is
 * never passed through this. Pure and idempotent.
 */

export const SECRET_MASK = '********';

/** URL parameters whose values are credentials in Strapi's own emails and in common apps. */
const SECRET_PARAMS =
  'code|token|access_token|refresh_token|id_token|confirmation|registrationToken|resetPasswordToken|reset_token|otp|key|secret|signature|sig|password|pwd';

const PARAM_PATTERN = new RegExp(`([?&;](?:amp;)?(?:${SECRET_PARAMS})=)([^&\\s"'<>#]+)`, 'gi');
const JWT_PATTERN = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g;
/** Long random-looking strings (tokens in text or paths): 32+ chars mixing letters and digits. */
const TOKEN_PATTERN = /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}\b/g;

export function maskSecrets(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text
    .replace(PARAM_PATTERN, (_m, prefix: string) => `${prefix}${SECRET_MASK}`)
    .replace(JWT_PATTERN, SECRET_MASK)
    .replace(TOKEN_PATTERN, SECRET_MASK);
}
