/*
 * Mailbox admin API against the real playground: CRUD, validation (400 naming the field, nothing
 * written), one default at a time, secrets never returned nor stored in clear, RBAC.
 */
import fs from 'node:fs';
import { startPlayground, type Playground } from '../helpers/playground';
import { adminApi, rawRequest, type AdminApi } from '../helpers/admin-api';

let app: Playground;
let api: AdminApi;
const SECRET = 'Very-Secret-Passw0rd!';

const mailbox = (patch: Record<string, unknown> = {}) => ({
  name: 'Support',
  fromAddress: 'support@example.com',
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  authType: 'login',
  authUser: 'support@example.com',
  password: SECRET,
  ...patch,
});

beforeAll(async () => {
  app = await startPlayground();
  api = await adminApi(app.url);
});
afterAll(async () => {
  await app?.stop();
});

async function count() {
  return (await api.request('GET', '/email-notifications/mailboxes')).body.data.length;
}

describe('mailbox CRUD', () => {
  let id: string;

  it('creates a mailbox; the first outgoing one becomes the default', async () => {
    const res = await api.request('POST', '/email-notifications/mailboxes', mailbox());
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: 'Support', hasPassword: true, isDefault: true, port: 587, source: 'admin' });
    expect(res.body.data).not.toHaveProperty('password');
    id = res.body.data.id;
  });

  it('lists and reads it without any secret', async () => {
    const list = await api.request('GET', '/email-notifications/mailboxes');
    expect(list.status).toBe(200);
    const one = await api.request('GET', `/email-notifications/mailboxes/${id}`);
    expect(one.body.data.name).toBe('Support');
    for (const body of [list.body, one.body]) expect(JSON.stringify(body)).not.toContain(SECRET);
  });

  it('updates partially and keeps the password when it is left out', async () => {
    const res = await api.request('PUT', `/email-notifications/mailboxes/${id}`, { port: 465, security: 'ssl' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ port: 465, security: 'ssl', hasPassword: true });
  });

  it('stores the password encrypted, never in clear text in the database file', async () => {
    const row = await app.strapi.db.query('plugin::email-notifications.mailbox').findOne({ where: { documentId: id } });
    expect(row.password).toMatch(/^enc:v1:/);
    // SQLite may still hold recent pages in its write-ahead log: read every file of the database.
    for (const path of [app.databaseFile, `${app.databaseFile}-wal`].filter((p) => fs.existsSync(p))) {
      const file = fs.readFileSync(path);
      expect(file.includes(Buffer.from(SECRET))).toBe(false);
      expect(file.includes(Buffer.from(Buffer.from(SECRET).toString('base64')))).toBe(false);
    }
  });

  it('keeps exactly one default', async () => {
    const second = await api.request('POST', '/email-notifications/mailboxes', mailbox({ name: 'Billing', isDefault: true }));
    expect(second.body.data.isDefault).toBe(true);
    const list = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
    expect(list.filter((m: any) => m.isDefault).map((m: any) => m.name)).toEqual(['Billing']);

    const unset = await api.request('PUT', `/email-notifications/mailboxes/${second.body.data.id}`, { isDefault: false });
    expect(unset.status).toBe(400);
    expect(unset.body.error.details.errors[0]).toMatchObject({ path: ['isDefault'] });

    const removed = await api.request('DELETE', `/email-notifications/mailboxes/${second.body.data.id}`);
    expect(removed.status).toBe(204);
    const after = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
    expect(after.filter((m: any) => m.isDefault).map((m: any) => m.name)).toEqual(['Support']);
  });

  it('clears a secret with null', async () => {
    const res = await api.request('PUT', `/email-notifications/mailboxes/${id}`, { authType: 'none', password: null });
    expect(res.body.data).toMatchObject({ hasPassword: false, authType: 'none' });
  });

  it('answers 404 for an unknown id', async () => {
    const res = await api.request('GET', '/email-notifications/mailboxes/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/does not exist/);
  });
});

describe('bad input is a 400 naming the field, and writes nothing', () => {
  it.each([
    ['an invalid from address', { fromAddress: 'nope' }, 'fromAddress'],
    ['a port out of range', { port: 70000 }, 'port'],
    ['CRLF in the display name', { displayName: 'Help\r\nBcc: x@example.com' }, 'displayName'],
    ['an unsafe exclude expression', { excludeExpression: '(a|a)*$' }, 'excludeExpression'],
    ['an unknown field', { smtpHost: 'x' }, null],
    ['login without a user', { authUser: '' }, 'authUser'],
  ])('%s', async (_name, patch, field) => {
    const before = await count();
    const res = await api.request('POST', '/email-notifications/mailboxes', mailbox({ name: `Bad ${Math.random()}`, ...patch }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', code: 'INVALID_INPUT' });
    const paths = res.body.error.details.errors.map((e: any) => e.path.join('.'));
    if (field) expect(paths).toContain(field);
    else expect(res.body.error.message).toMatch(/unknown field\(s\) "smtpHost"/);
    expect(await count()).toBe(before);
  });

  it('refuses a duplicate name with 409 naming the field', async () => {
    const res = await api.request('POST', '/email-notifications/mailboxes', mailbox());
    expect(res.status).toBe(409);
    expect(res.body.error.details.errors[0].path).toEqual(['name']);
  });

  it('refuses CRLF in an update and leaves the mailbox unchanged', async () => {
    const [first] = (await api.request('GET', '/email-notifications/mailboxes')).body.data;
    const res = await api.request('PUT', `/email-notifications/mailboxes/${first.id}`, { name: 'X\nY', port: 2525 });
    expect(res.status).toBe(400);
    const again = (await api.request('GET', `/email-notifications/mailboxes/${first.id}`)).body.data;
    expect(again.port).toBe(first.port);
    expect(again.name).toBe(first.name);
  });
});

describe('access control', () => {
  it('refuses requests without an admin token (401)', async () => {
    const res = await rawRequest(app.url, 'GET', '/email-notifications/mailboxes');
    expect(res.status).toBe(401);
  });

  it('refuses an admin whose role lacks the action (403)', async () => {
    const roles = await api.request('GET', '/admin/roles');
    const editor = roles.body.data.find((r: any) => r.code === 'strapi-editor');
    const created = await api.request('POST', '/admin/users', { email: 'editor@example.com', firstname: 'Ed', lastname: 'Itor', roles: [editor.id] });
    expect(created.status).toBe(201);
    const registered = await rawRequest(app.url, 'POST', '/admin/register', {
      registrationToken: created.body.data.registrationToken,
      userInfo: { firstname: 'Ed', lastname: 'Itor', password: 'Editor-Passw0rd!' },
    });
    const editorToken = registered.body.data.token;
    expect(editorToken).toBeTruthy();
    for (const [method, path] of [
      ['GET', '/email-notifications/mailboxes'],
      ['POST', '/email-notifications/mailboxes'],
      ['POST', '/email-notifications/test-email'],
    ]) {
      const res = await rawRequest(app.url, method, path, method === 'POST' ? mailbox({ name: 'Sneaky' }) : undefined, editorToken);
      expect(res.status).toBe(403);
    }
  });
});
