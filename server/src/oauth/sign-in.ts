/*
 * "Sign in with Microsoft / Google": the authorization-code flow with PKCE (RFC 7636, S256). start()
 * needs the admin's JWT and returns the provider's sign-in URL; the browser comes back to the plugin's
 * callback route without a JWT, so the state (one use, 10 minutes, bound to the admin and the mailbox)
 * is what authorizes it. The code is exchanged, the refresh token stored encrypted, and the browser sent
 * back to the mailbox's admin page with the result. Never logs or shows a code or a token.
 */
import type { Core } from '@strapi/strapi';
import { createHash, randomBytes } from 'node:crypto';
import { InputError, PluginError, type FieldProblem } from '../core/errors';
import { OAUTH_PROVIDERS, resolveEndpoints, scopeList } from '../core/oauth/providers';
import type { IssuedTokens } from '../core/oauth/token-response';
import { PLUGIN_ID } from '../config/plugin-config';
import { createOAuthRows, type OAuthMailbox } from './mailbox-oauth-row';
import { createSignInStore, type PendingSignIn } from './sign-in-store';
import { requestTokens } from './token-endpoint';
import type { TokenStore } from './token-store';

export const CALLBACK_PATH = `/${PLUGIN_ID}/oauth/callback`;

export interface SignInDeps {
  tokens: Pick<TokenStore, 'storeSignIn'>;
  /** A mailbox was signed in: its circuit closes and waiting messages try again. */
  onSignedIn(mailboxId: string): Promise<void>;
}

export interface CallbackQuery {
  code?: unknown;
  state?: unknown;
  error?: unknown;
  error_description?: unknown;
}

const random = () => randomBytes(32).toString('base64url');
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function createSignIn(strapi: Core.Strapi, deps: SignInDeps) {
  const rows = createOAuthRows(strapi);
  const pending = createSignInStore(strapi, rows);
  const serverUrl = () => String(strapi.config.get('server.absoluteUrl') ?? '').replace(/\/$/, '');
  const adminUrl = () => String(strapi.config.get('admin.absoluteUrl') ?? `${serverUrl()}/admin`).replace(/\/$/, '');
  const redirectUri = () => `${serverUrl()}${CALLBACK_PATH}`;

  /** Where the browser goes back to: the mailbox's page (or the list), with the result. */
  function backToAdmin(mailboxId: string | null, result: { ok: true } | { ok: false; reason: string }): string {
    const page = `${adminUrl()}/settings/${PLUGIN_ID}/mailboxes${mailboxId ? `/${encodeURIComponent(mailboxId)}` : ''}`;
    const query = result.ok ? 'oauth=signed-in' : `oauth=failed&reason=${encodeURIComponent(result.reason.slice(0, 300))}`;
    return `${page}?${query}`;
  }

  function startProblems(mailbox: OAuthMailbox): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (mailbox.row.authType !== 'oauth2') problems.push({ path: 'authType', message: 'must be "oauth2" (saved) before signing in: choose OAuth2 and save the mailbox' });
    if (!mailbox.clientId) problems.push({ path: 'oauthClientId', message: 'is required to sign in: enter the application (client) id of the app registration and save' });
    if (!mailbox.endpoints.authorizeUrl) problems.push({ path: 'oauthAuthorizeUrl', message: 'is required to sign in with a custom provider: the authorization endpoint URL' });
    if (!mailbox.endpoints.tokenUrl) problems.push({ path: 'oauthAccessUrl', message: 'is required to sign in with a custom provider: the token endpoint URL' });
    return problems;
  }

  async function exchange(mailboxId: string, signIn: PendingSignIn, code: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const mailbox = await rows.read(mailboxId);
    const answer = await requestTokens(mailbox.endpoints.tokenUrl ?? '', { clientId: mailbox.clientId, clientSecret: mailbox.clientSecret }, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: signIn.redirectUri,
      code_verifier: signIn.codeVerifier,
    });
    if (!answer.ok) return { ok: false, reason: answer.failure.message };
    const tokens: IssuedTokens = answer.tokens;
    if (!tokens.refreshToken) {
      return { ok: false, reason: 'The provider gave no refresh token: Microsoft needs the offline_access scope; Google gives one only with consent (sign in again).' };
    }
    await deps.tokens.storeSignIn(mailboxId, { ...tokens, refreshToken: tokens.refreshToken }, new Date());
    await deps.onSignedIn(mailboxId);
    strapi.log.info(`[email-notifications] mailbox "${mailbox.row.name}" signed in with OAuth2 mailboxId=${mailboxId} adminUserId=${signIn.adminUserId}`);
    return { ok: true };
  }

  /** The admin who started it must still be an active admin. */
  async function adminStillActive(adminUserId: number): Promise<boolean> {
    const user = (await strapi.db.query('admin::user').findOne({ where: { id: adminUserId }, select: ['isActive', 'blocked'] })) as { isActive?: boolean; blocked?: boolean } | null;
    return !!user && user.isActive !== false && !user.blocked;
  }

  return {
    redirectUri,
    async start(mailboxId: string, adminUserId: number) {
      const mailbox = await rows.read(mailboxId);
      const problems = startProblems(mailbox);
      if (problems.length) throw new InputError(problems);
      const state = random();
      const codeVerifier = random();
      await pending.save(state, { mailbox: mailboxId, adminUserId, codeVerifier, redirectUri: redirectUri() }, new Date());
      const url = new URL(mailbox.endpoints.authorizeUrl!);
      const params: Record<string, string> = {
        response_type: 'code',
        client_id: mailbox.clientId,
        redirect_uri: redirectUri(),
        scope: mailbox.endpoints.scope,
        state,
        code_challenge: challengeOf(codeVerifier),
        code_challenge_method: 'S256',
        ...mailbox.endpoints.authorizeParams,
        ...(mailbox.row.authUser ? { login_hint: mailbox.row.authUser } : {}),
      };
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      return { authorizationUrl: url.toString(), scopes: scopeList(mailbox.endpoints.scope), redirectUri: redirectUri() };
    },
    /** The browser's return from the provider: always answers with the admin page to go to. */
    async callback(query: CallbackQuery): Promise<string> {
      const signIn = text(query.state) ? await pending.take(text(query.state), new Date()) : null;
      if (!signIn) return backToAdmin(null, { ok: false, reason: 'This sign-in link is unknown, used already or older than 10 minutes: start the sign-in again from the mailbox.' });
      if (!(await adminStillActive(signIn.adminUserId))) return backToAdmin(signIn.mailbox, { ok: false, reason: 'The admin who started this sign-in is no longer active.' });
      if (text(query.error)) {
        const detail = text(query.error_description).split(/\r?\n/)[0]?.slice(0, 200);
        return backToAdmin(signIn.mailbox, { ok: false, reason: `The provider did not sign you in (${text(query.error).slice(0, 50)}${detail ? `: ${detail}` : ''}).` });
      }
      if (!text(query.code)) return backToAdmin(signIn.mailbox, { ok: false, reason: 'The provider sent no authorization code back.' });
      try {
        return backToAdmin(signIn.mailbox, await exchange(signIn.mailbox, signIn, text(query.code)));
      } catch (error) {
        // The mailbox was deleted meanwhile, or a secret cannot be decrypted: said on the admin page.
        if (error instanceof PluginError) return backToAdmin(null, { ok: false, reason: error.message });
        throw error;
      }
    },
    /** The redirect URI to register and each provider's defaults, for the mailbox form. */
    info() {
      const blank = { oauthTenant: '', oauthAccessUrl: '', oauthAuthorizeUrl: '', oauthScope: '' };
      const providers = Object.fromEntries(
        OAUTH_PROVIDERS.map((provider) => {
          const endpoints = resolveEndpoints({ ...blank, oauthProvider: provider });
          return [provider, { tokenUrl: endpoints.tokenUrl, authorizeUrl: endpoints.authorizeUrl, scopes: scopeList(endpoints.scope) }];
        }),
      );
      return { redirectUri: redirectUri(), providers };
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
