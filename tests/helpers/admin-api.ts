/*
 * Talks to a running playground over HTTP as an admin: registers the first super admin (or logs in)
 * and calls the plugin's admin routes with the JWT. Real HTTP, no supertest shortcuts.
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
  const token = response.body?.data?.token;
  if (!token) throw new Error(`could not get an admin token: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    token,
    request: (method, path, body, override) => rawRequest(baseUrl, method, path, body, override === undefined ? token : override),
  };
}
