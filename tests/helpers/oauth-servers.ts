/*
 * A local OAuth2 authorization server and an SMTP server that logs in with XOAUTH2 only, for the OAuth2
 * tests. The authorization server (node:http) has /authorize (redirects back with a code) and /token
 * (authorization_code with PKCE S256 verification, refresh_token), counts its grants, can revoke refresh
 * tokens and expire access tokens. The SMTP server accepts a login only with an access token it issued,
 * for that user, and not expired.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface OAuthServer {
  url: string;
  tokenUrl: string;
  authorizeUrl: string;
  client: { id: string; secret: string };
  /** Grants answered with tokens, and refused ones, by type. */
  counts: { authorizationCode: number; refresh: number; refused: number };
  /** Lifetime of new access tokens, seconds. */
  setTokenLifetime(seconds: number): void;
  /** Wait this long before answering /token (to make refreshes overlap). */
  setTokenDelay(ms: number): void;
  /** The refresh token issued for `user` by the last sign-in (or `addRefreshToken`). */
  refreshTokenOf(user: string): string | undefined;
  addRefreshToken(user: string): string;
  revokeRefreshTokens(): void;
  expireAccessTokens(): void;
  isValidAccessToken(token: string, user: string): boolean;
  /** Every access and refresh token issued so far (to check none leaks). */
  issued(): string[];
  close(): Promise<void>;
}

const token = (prefix: string) => `${prefix}-${randomBytes(24).toString('base64url')}`;

export async function startOAuthServer(options: { user?: string } = {}): Promise<OAuthServer> {
  const client = { id: 'test-client-id', secret: `client-secret-${randomBytes(8).toString('hex')}` };
  const counts = { authorizationCode: 0, refresh: 0, refused: 0 };
  const codes = new Map<string, { redirectUri: string; challenge: string; user: string }>();
  const refreshTokens = new Map<string, string>();
  const accessTokens = new Map<string, { user: string; expiresAt: number }>();
  const all: string[] = [];
  let lifetimeS = 3600;
  let delayMs = 0;
  const signInUser = options.user ?? 'mailer@example.com';

  function issue(user: string, withRefresh: boolean) {
    const access = token('at');
    accessTokens.set(access, { user, expiresAt: Date.now() + lifetimeS * 1000 });
    all.push(access);
    const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: lifetimeS };
    if (withRefresh) {
      const refresh = token('rt');
      refreshTokens.set(refresh, user);
      all.push(refresh);
      body.refresh_token = refresh;
    }
    return body;
  }

  function authorize(url: URL, res: http.ServerResponse) {
    const p = url.searchParams;
    if (p.get('client_id') !== client.id || p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
      res.writeHead(400).end('bad authorization request');
      return;
    }
    const code = token('code');
    codes.set(code, { redirectUri: p.get('redirect_uri')!, challenge: p.get('code_challenge')!, user: p.get('login_hint') || signInUser });
    const back = new URL(p.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', p.get('state') ?? '');
    res.writeHead(302, { location: back.toString() }).end();
  }

  function grant(form: URLSearchParams): { status: number; body: Record<string, unknown> } {
    const refuse = (error: string) => {
      counts.refused++;
      return { status: 400, body: { error, error_description: `refused: ${error}` } };
    };
    if (form.get('client_id') !== client.id || form.get('client_secret') !== client.secret) return refuse('invalid_client');
    if (form.get('grant_type') === 'authorization_code') {
      const entry = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!entry || entry.redirectUri !== form.get('redirect_uri')) return refuse('invalid_grant');
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (challenge !== entry.challenge) return refuse('invalid_grant');
      counts.authorizationCode++;
      return { status: 200, body: issue(entry.user, true) };
    }
    if (form.get('grant_type') === 'refresh_token') {
      const user = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!user) return refuse('invalid_grant');
      counts.refresh++;
      return { status: 200, body: issue(user, false) };
    }
    return refuse('unsupported_grant_type');
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        setTimeout(() => {
          const answer = grant(new URLSearchParams(raw));
          res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        }, delayMs);
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokenUrl: `${url}/token`,
    authorizeUrl: `${url}/authorize`,
    client,
    counts,
    setTokenLifetime: (seconds) => void (lifetimeS = seconds),
    setTokenDelay: (ms) => void (delayMs = ms),
    refreshTokenOf: (user) => [...refreshTokens].reverse().find(([, u]) => u === user)?.[0],
    addRefreshToken(user) {
      const refresh = token('rt');
      refreshTokens.set(refresh, user);
      all.push(refresh);
      return refresh;
    },
    revokeRefreshTokens: () => refreshTokens.clear(),
    expireAccessTokens: () => accessTokens.forEach((entry) => (entry.expiresAt = 0)),
    isValidAccessToken(candidate, user) {
      const entry = accessTokens.get(candidate);
      return !!entry && entry.user === user && entry.expiresAt > Date.now();
    },
    issued: () => [...all],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface XOAuth2SmtpServer {
  port: number;
  messages: ParsedMail[];
  logins: { accepted: number; refused: number };
  /** Closes every open connection, so the next send logs in again (pools keep logged-in connections). */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * An SMTP server that offers only AUTH XOAUTH2 and checks each token with the authorization server;
 * `delayMs` answers each message after that long (a relay slow enough that several instances share the work).
 */
export async function startXOAuth2Smtp(oauth: Pick<OAuthServer, 'isValidAccessToken'>, options: { delayMs?: number } = {}): Promise<XOAuth2SmtpServer> {
  const messages: ParsedMail[] = [];
  const logins = { accepted: 0, refused: 0 };
  const server = new SMTPServer({
    authMethods: ['XOAUTH2'],
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2' && auth.accessToken && oauth.isValidAccessToken(auth.accessToken, auth.username ?? '')) {
        logins.accepted++;
        return callback(null, { user: auth.username });
      }
      logins.refused++;
      return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://outlook.office.com/SMTP.Send' } });
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    logins,
    dropConnections: () => (server as unknown as { connections: Set<{ close(): void }> }).connections.forEach((connection) => connection.close()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
