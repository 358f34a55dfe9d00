/*
 * Runs an SMTP action (a send, a Check) for a mailbox with its OAuth2 access token from the token
 * store; when the server refuses the token, asks the store for a newer one (one refresh for all
 * instances) and runs the action once more. Other auth types run as they are.
 */
import { isRefusedAccessToken } from '../core/oauth/token-response';
import type { MailboxConnection } from '../core/smtp/transport-options';
import type { TokenStore } from './token-store';

export type AccessTokens = Pick<TokenStore, 'accessToken' | 'afterRefusal'>;

export async function withAccessToken<T>(tokens: AccessTokens, mailboxId: string, connection: MailboxConnection, run: (connection: MailboxConnection) => Promise<T>): Promise<T> {
  if (connection.authType !== 'oauth2') return run(connection);
  const token = await tokens.accessToken(mailboxId);
  try {
    return await run({ ...connection, oauthAccessToken: token });
  } catch (error) {
    if (!isRefusedAccessToken(error)) throw error;
    const fresh = await tokens.afterRefusal(mailboxId, token);
    return run({ ...connection, oauthAccessToken: fresh });
  }
}
