/*
 * The OAuth2 providers a mailbox can sign in with, and the endpoints and scopes a mailbox uses: the
 * provider's defaults, or the mailbox's own URLs where it sets them (custom providers, tests). Pure data;
 * the one definition of these URLs and scopes.
 */

export const OAUTH_PROVIDERS = ['microsoft', 'google', 'custom'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** Microsoft's tenant when the mailbox names none: any work or school account. */
export const DEFAULT_MICROSOFT_TENANT = 'organizations';

interface ProviderDefaults {
  tokenUrl: string;
  authorizeUrl: string;
  scope: string;
  /** Extra authorization parameters the provider needs to hand out a refresh token. */
  authorizeParams: Record<string, string>;
}

const TENANT = '{tenant}';

const DEFAULTS: Record<Exclude<OAuthProvider, 'custom'>, ProviderDefaults> = {
  microsoft: {
    tokenUrl: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
    authorizeUrl: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize`,
    scope: 'https://outlook.office.com/SMTP.Send offline_access',
    authorizeParams: {},
  },
  google: {
    tokenUrl: 'https://oauth2.googleapis.com/token',
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    scope: 'https://mail.google.com/',
    // Google gives a refresh token only for offline access, and again only when consent is asked for.
    authorizeParams: { access_type: 'offline', prompt: 'consent' },
  },
};

export interface OAuthSettings {
  oauthProvider: OAuthProvider;
  oauthTenant: string;
  /** Token URL of the mailbox ('' = the provider's). */
  oauthAccessUrl: string;
  /** Authorization URL of the mailbox ('' = the provider's). */
  oauthAuthorizeUrl: string;
  /** Scopes of the mailbox, space-separated ('' = the provider's). */
  oauthScope: string;
}

export interface OAuthEndpoints {
  tokenUrl: string | null;
  authorizeUrl: string | null;
  scope: string;
  authorizeParams: Record<string, string>;
}

export function resolveEndpoints(settings: OAuthSettings): OAuthEndpoints {
  const defaults = settings.oauthProvider in DEFAULTS ? DEFAULTS[settings.oauthProvider as keyof typeof DEFAULTS] : null;
  const tenant = encodeURIComponent(settings.oauthTenant.trim() || DEFAULT_MICROSOFT_TENANT);
  const fill = (url: string | undefined) => (url ? url.replace(TENANT, tenant) : null);
  return {
    tokenUrl: settings.oauthAccessUrl || fill(defaults?.tokenUrl),
    authorizeUrl: settings.oauthAuthorizeUrl || fill(defaults?.authorizeUrl),
    scope: settings.oauthScope.trim() || defaults?.scope || '',
    authorizeParams: defaults?.authorizeParams ?? {},
  };
}

/** The scopes as a list, for showing them. */
export const scopeList = (scope: string): string[] => scope.split(/\s+/).filter(Boolean);
