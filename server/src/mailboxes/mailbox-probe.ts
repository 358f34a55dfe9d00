/*
 * The mailbox debugging tools behind the admin's "Check" and "Send test email" buttons: resolves the
 * settings (saved, unsaved, or both), then runs a one-off SMTP conversation. SMTP failures are
 * results for the admin (ok: false, explanation), never HTTP errors.
 */
import type { Core } from '@strapi/strapi';
import { InputError } from '../core/errors';
import { mailboxDefaults, OAUTH_TOKEN_BASIS, SECRET_FIELDS, type MailboxFields } from '../core/mailboxes/mailbox-input';
import { testEmailInputSchema, verifyInputSchema, type ConnectionOverrides } from '../core/mailboxes/test-email-input';
import { parseInput } from '../core/parse-input';
import { CONNECTION_FIELDS, type MailboxConnection } from '../core/smtp/transport-options';
import { getPluginConfig } from '../config/plugin-config';
import { escapeHtml } from '../core/templates/render-template';
import { baseContext, renderEnvironment } from '../templates/render-context';
import type { TemplateCatalog } from '../templates/template-catalog';
import type { MailboxStore } from './mailbox-store';
import { isRefusedAccessToken } from '../core/oauth/token-response';
import { resolveEndpoints } from '../core/oauth/providers';
import { refreshGrant, requestTokens, TokenError } from '../oauth/token-endpoint';
import type { AccessTokens } from '../oauth/with-access-token';
import { sendTestMessage, verifyMailbox, type ProbeResult, type SmtpErrorReport, type TestSendResult } from '../transport/smtp-probe';
import type { DkimSigningKey } from '../core/deliverability/dkim-keyring';
import type { RouteAnswer, RouteHints } from '../core/routing/dry-run-input';

interface ResolvedSettings {
  connection: MailboxConnection;
  dkim: DkimSigningKey[];
  /** The saved mailbox whose stored OAuth2 token applies (null: unsaved, or the form changed what the token is for). */
  tokenMailboxId: string | null;
  fromAddress: string;
  displayName: string;
  mailboxName: string;
}

export interface MailboxProbeDeps {
  mailboxes: Pick<MailboxStore, 'getConnection'>;
  templates: Pick<TemplateCatalog, 'render'>;
  /** The mailbox routing would choose now (for "route it as a rule would"). */
  route(hints: RouteHints): Promise<RouteAnswer>;
  tokens: AccessTokens;
}


const SECRETS: readonly string[] = SECRET_FIELDS;

export function createMailboxProbe(strapi: Core.Strapi, deps: MailboxProbeDeps) {

  async function resolveSettings(mailboxId: string | undefined, overrides: ConnectionOverrides = {}): Promise<ResolvedSettings> {
    const pick = <K extends keyof ConnectionOverrides>(key: K) => overrides[key];
    let base: ResolvedSettings = {
      connection: Object.fromEntries(CONNECTION_FIELDS.map((f) => [f, f in mailboxDefaults ? (mailboxDefaults as Partial<MailboxFields>)[f] : ''])) as MailboxConnection,
      dkim: [],
      tokenMailboxId: null,
      fromAddress: '',
      displayName: '',
      mailboxName: 'unsaved mailbox',
    };
    if (mailboxId) {
      const { mailbox, connection, dkim } = await deps.mailboxes.getConnection(mailboxId);
      base = { connection, dkim, tokenMailboxId: mailboxId, fromAddress: mailbox.fromAddress, displayName: mailbox.displayName ?? '', mailboxName: mailbox.name };
    }
    const connection = { ...base.connection };
    for (const key of Object.keys(connection) as (keyof MailboxConnection)[]) {
      const value = pick(key as keyof ConnectionOverrides);
      // A secret left empty in the form means "keep the stored one", as the form never shows it.
      if (value === undefined || (SECRETS.includes(key) && !value)) continue;
      (connection as Record<string, unknown>)[key] = value;
    }
    // A form that changes what the saved token was issued for needs a token of its own.
    const sameToken = OAUTH_TOKEN_BASIS.every((field) => connection[field] === base.connection[field]);
    return {
      connection,
      dkim: base.dkim,
      tokenMailboxId: sameToken ? base.tokenMailboxId : null,
      fromAddress: overrides.fromAddress ?? base.fromAddress,
      displayName: overrides.displayName ?? base.displayName,
      mailboxName: base.mailboxName,
    };
  }

  return {
    /** Check a saved mailbox (optionally with unsaved changes), or unsaved settings alone (no id). */
    async verify(mailboxId: string | undefined, body: unknown) {
      const input = parseInput(verifyInputSchema, body);
      if (!mailboxId && !input.mailbox?.host) throw new InputError([{ path: 'mailbox.host', message: 'is required' }]);
      const settings = await resolveSettings(mailboxId, input.mailbox);
      const result = await withProbeToken(settings, (connection) => verifyMailbox(connection, getPluginConfig(strapi).smtpTimeouts));
      strapi.log.info(`[email-notifications] mailbox check ${result.ok ? 'passed' : 'failed'} mailboxId=${mailboxId ?? 'unsaved'}${result.error?.code ? ` code=${result.error.code}` : ''}`);
      return result;
    },

    async sendTestEmail(body: unknown): Promise<TestSendResult & { route?: RouteAnswer }> {
      const input = parseInput(testEmailInputSchema, body);
      const route = input.route ? await deps.route(input.route) : null;
      if (route && !route.mailbox) return { ok: false, transcript: [], route, error: unrouted(route.reason) };
      const settings = await resolveSettings(route?.mailbox?.id ?? input.mailboxId, input.mailbox);
      if (!settings.connection.host) throw new InputError([{ path: 'mailbox.host', message: 'is required' }]);
      const sentAt = new Date().toISOString();
      const rendered = await renderTestTemplate(settings.mailboxName, settings.fromAddress, input.to);
      const result = await withProbeToken(settings, (connection) => sendTestMessage(
        connection,
        {
          from: { name: settings.displayName, address: settings.fromAddress },
          to: input.to,
          subject: input.subject ?? rendered?.subject ?? `Test email from ${settings.mailboxName}`,
          ...(rendered ? { text: rendered.text, html: rendered.html } : fallbackBody(settings, sentAt)),
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
          dkim: settings.dkim,
        },
        getPluginConfig(strapi).smtpTimeouts,
      ));
      strapi.log.info(
        `[email-notifications] test email ${result.ok ? 'sent' : 'failed'} mailboxId=${input.mailboxId ?? 'unsaved'}${result.error?.code ? ` code=${result.error.code}` : ''}`,
      );
      return route ? { ...result, route } : result;
    },
  };

  /**
   * Runs a Check or test email with an OAuth2 access token: the saved mailbox's shared token (one
   * refresh after a refused token, as delivery does), or for unsaved OAuth2 settings a token asked for
   * once and not stored. A token that cannot be had is a failed result with the explanation.
   */
  async function withProbeToken<T extends ProbeResult>(settings: ResolvedSettings, run: (connection: MailboxConnection) => Promise<T>): Promise<T | ProbeResult> {
    const { connection, tokenMailboxId } = settings;
    if (connection.authType !== 'oauth2') return run(connection);
    try {
      if (!tokenMailboxId) return await run({ ...connection, oauthAccessToken: await unsavedToken(connection) });
      const token = await deps.tokens.accessToken(tokenMailboxId);
      const result = await run({ ...connection, oauthAccessToken: token });
      if (result.ok || !isRefusedAccessToken(result.error)) return result;
      return await run({ ...connection, oauthAccessToken: await deps.tokens.afterRefusal(tokenMailboxId, token) });
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      const report = { message: error.message, code: error.code, responseCode: null, command: error.command, response: null, field: null, explanation: error.message };
      return { ok: false, transcript: [`* OAuth2 access token: ${error.message}`], error: report };
    }
  }

  async function unsavedToken(connection: MailboxConnection): Promise<string> {
    const endpoints = resolveEndpoints({ ...connection, oauthAuthorizeUrl: '' });
    if (!connection.oauthRefreshToken) throw new TokenError({ kind: 'refused', message: 'Not signed in: save the mailbox and use "Sign in" (or enter a refresh token) before checking it.' });
    const answer = await requestTokens(endpoints.tokenUrl ?? '', { clientId: connection.oauthClientId, clientSecret: connection.oauthClientSecret }, refreshGrant(connection.oauthRefreshToken, endpoints.scope));
    if (!answer.ok) throw new TokenError(answer.failure);
    return answer.tokens.accessToken;
  }

  /** The "test-email" template, as the admin may have edited it; null if it cannot render (the test must still work). */
  async function renderTestTemplate(mailboxName: string, fromAddress: string | null | undefined, to: string) {
    try {
      const env = renderEnvironment(strapi, new Date());
      const context = { ...baseContext(env), recipient: { email: to, name: '' }, mailbox: { name: mailboxName, fromAddress: fromAddress ?? '' } };
      return await deps.templates.render('test-email', context);
    } catch (error) {
      strapi.log.warn(`[email-notifications] the test-email template cannot be rendered (${(error as Error).message}); sending the plain test text`);
      return null;
    }
  }
}

export type MailboxProbe = ReturnType<typeof createMailboxProbe>;

/** No mailbox can send now: the routing's reason, shaped like an SMTP failure for the form. */
function unrouted(reason: string): SmtpErrorReport {
  return { message: reason, code: null, responseCode: null, command: null, response: null, field: null, explanation: reason };
}

/** The plain test text, used when the test-email template cannot be rendered. */
function fallbackBody(settings: { mailboxName: string; connection: { host?: string; port?: number; security?: string } }, sentAt: string) {
  const where = `${settings.connection.host ?? ''}:${settings.connection.port ?? ''}, security: ${settings.connection.security ?? ''}`;
  return {
    text: `This is a test email sent by the Strapi email notifications plugin through the mailbox "${settings.mailboxName}" (${where}) at ${sentAt}.\n\nIf you can read this, the mailbox can send mail.`,
    html: `<p>This is a test email sent by the Strapi email notifications plugin through the mailbox <strong>${escapeHtml(settings.mailboxName)}</strong> (${escapeHtml(where)}) at ${sentAt}.</p><p>If you can read this, the mailbox can send mail.</p>`,
  };
}
