/*
 * Talks to a running playground over HTTP as an admin: registers the first super admin (or logs in),
 * creates admins with roles of chosen permissions, and calls the admin routes with the JWT. Real HTTP,
 * no supertest shortcuts.
 */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface AdminApi {
  token: string;
  request<T = any>(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiResponse<T>>;
}

export const ADMIN = { email: 'admin@example.com', password: 'Admin-Passw0rd!', firstname: 'Ada', lastname: 'Admin' };

export async function rawRequest<T = any>(baseUrl: string, method: string, path: string, body?: unknown, token?: string | null): Promise<ApiResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, body: parsed as T };
}

/** Registers the first admin (a fresh database has none) or logs in, and returns a client. */
export async function adminApi(baseUrl: string, credentials = ADMIN): Promise<AdminApi> {
  let response = await rawRequest(baseUrl, 'POST', '/admin/register-admin', credentials);
  if (response.status !== 200 && response.status !== 201) {
    response = await rawRequest(baseUrl, 'POST', '/admin/login', { email: credentials.email, password: credentials.password });
  }
  return clientOf(baseUrl, response);
}

function clientOf(baseUrl: string, signedIn: ApiResponse): AdminApi {
  const token = signedIn.body?.data?.token;
  if (!token) throw new Error(`could not get an admin token: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
  return {
    token,
    request: (method, path, body, override) => rawRequest(baseUrl, method, path, body, override === undefined ? token : override),
  };
}

export interface RolePermission {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  /** Condition names, e.g. `admin::is-creator`. */
  conditions?: string[];
}

/**
 * Through Strapi's admin API as `api` (a super admin): creates a role with exactly `permissions`, invites
 * an admin into it, registers them and returns their client.
 */
export async function adminWithRole(api: AdminApi, baseUrl: string, name: string, permissions: RolePermission[]): Promise<AdminApi> {
  const role = await api.request('POST', '/admin/roles', { name, description: `${name} (test role)` });
  if (role.status !== 201) throw new Error(`could not create the role ${name}: ${role.status} ${JSON.stringify(role.body)}`);
  const granted = await api.request('PUT', `/admin/roles/${role.body.data.id}/permissions`, {
    permissions: permissions.map((p) => ({ subject: null, properties: {}, conditions: [], ...p })),
  });
  if (granted.status !== 200) throw new Error(`could not set the permissions of ${name}: ${granted.status} ${JSON.stringify(granted.body)}`);
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@example.com`;
  const invited = await api.request('POST', '/admin/users', { email, firstname: name, lastname: 'Tester', roles: [role.body.data.id] });
  if (invited.status !== 201) throw new Error(`could not create the admin ${email}: ${invited.status} ${JSON.stringify(invited.body)}`);
  const registered = await rawRequest(baseUrl, 'POST', '/admin/register', {
    registrationToken: invited.body.data.registrationToken,
    userInfo: { firstname: name, lastname: 'Tester', password: 'Tester-Passw0rd!' },
  });
  return clientOf(baseUrl, registered);
}
