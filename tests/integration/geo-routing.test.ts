/*
 * Geo routing with a real .mmdb file (written by the test in the GeoLite2-City layout) read through the
 * `maxmind` package: recipients in Europe, North America and Asia go to the nearest of three mailboxes;
 * unknown and private addresses use the pool's strategy. The flat @ip-location-db layout is read too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtpSink, type SmtpSink } from '../../playground/lib/smtp-sink';
import { adminApi, type AdminApi } from '../helpers/admin-api';
import { spawnInstance } from '../helpers/instances';
import { writeMmdb } from '../helpers/mmdb-writer';
import { FAST_DELIVERY, messageRows, pluginConfigEnv, waitForSettled } from '../helpers/outbox';
import { startPlayground, type Playground } from '../helpers/playground';
import { openGeoLookup } from '../../server/src/routing/geo-lookup';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'en-geo-'));
const cityDb = path.join(dir, 'GeoLite2-City.mmdb');
const flatDb = path.join(dir, 'dbip-city.mmdb');
const city = (name: string, latitude: number, longitude: number, iso: string) => ({
  city: { names: { en: name } }, location: { latitude, longitude }, country: { iso_code: iso },
});
writeMmdb(cityDb, [
  { cidr: '81.2.69.0/24', data: city('London', 51.5142, -0.0931, 'GB') },
  { cidr: '216.160.83.0/24', data: city('Milton', 47.2513, -122.3149, 'US') },
  { cidr: '202.196.224.0/20', data: city('Manila', 14.5995, 120.9842, 'PH') },
]);
writeMmdb(flatDb, [{ cidr: '81.2.69.0/24', data: { city: 'London', country_code: 'GB', latitude: 51.5142, longitude: -0.0931 } }], 'dbip-city-lite');

let app: Playground;
let api: AdminApi;
let sinks: Record<'frankfurt' | 'newYork' | 'singapore', SmtpSink>;
let notifications: any;

beforeAll(async () => {
  sinks = { frankfurt: await startSmtpSink(), newYork: await startSmtpSink(), singapore: await startSmtpSink() };
  app = await startPlayground({ env: pluginConfigEnv({ ...FAST_DELIVERY, routing: { geo: { enabled: true, databasePath: cityDb } } }) });
  api = await adminApi(app.url);
  const places = { frankfurt: [50.1109, 8.6821, 'DE'], newYork: [40.7128, -74.006, 'US'], singapore: [1.3521, 103.8198, 'SG'] } as const;
  for (const [name, [latitude, longitude, countryCode]] of Object.entries(places)) {
    const res = await api.request('POST', '/email-notifications/mailboxes', {
      name, fromAddress: `${name.toLowerCase()}@example.com`, host: '127.0.0.1', port: sinks[name as keyof typeof sinks].port, security: 'none',
      latitude, longitude, countryCode, isDefault: name === 'frankfurt',
    });
    expect(res.status).toBe(201);
  }
  notifications = app.strapi.plugin('email-notifications').service('notifications');
});
afterAll(async () => {
  await app?.stop();
  await Promise.all(Object.values(sinks ?? {}).map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

it.each([
  ['a recipient in Europe', '81.2.69.142', 'frankfurt', /nearest to the recipient \(London, GB\): \d+ km/],
  ['a recipient in North America', '216.160.83.56', 'newYork', /nearest to the recipient \(Milton, US\)/],
  ['a recipient in Asia', '202.196.224.10', 'singapore', /nearest to the recipient \(Manila, PH\)/],
  ['an address missing from the database', '8.8.8.8', 'frankfurt', /8\.8\.8\.8 is not in the geo database/],
  ['a private address', '10.1.2.3', 'frankfurt', /10\.1\.2\.3 is a private address/],
] as const)('routes %s', async (_name, ip, expected, note) => {
  const { messageId } = await notifications.send({ to: 'someone@example.com', subject: `Geo ${ip}`, text: 'x', recipientIp: ip });
  await waitForSettled(app.strapi);
  const [row] = await messageRows(app.strapi, { documentId: messageId });
  expect(row.status).toBe('sent');
  expect(row.mailboxName).toBe(expected);
  expect(sinks[expected].messages.some((m) => m.subject === `Geo ${ip}`)).toBe(true);
  expect(row.attemptLog.some((a: any) => note.test(a.route ?? ''))).toBe(true);
});

it('refuses a mailbox location out of range, naming the field', async () => {
  const res = await api.request('POST', '/email-notifications/mailboxes', { name: 'Nowhere', fromAddress: 'n@example.com', host: 'h.example.com', latitude: 95, countryCode: 'Germany' });
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['countryCode', 'latitude']);
});

it('reads the flat layout of @ip-location-db databases', async () => {
  const lookup = await openGeoLookup(flatDb);
  expect(lookup.locate('81.2.69.142')).toEqual({ location: { latitude: 51.5142, longitude: -0.0931, countryCode: 'GB', label: 'London, GB' } });
});

it('stops Strapi at start-up when the geo database is missing', async () => {
  // In a process of its own: this file's Strapi is still running in this one.
  const missing = path.join(dir, 'missing.mmdb');
  await expect(spawnInstance(path.join(dir, 'other.db'), pluginConfigEnv({ routing: { geo: { enabled: true, databasePath: missing } } }))).rejects.toThrow(
    /routing\.geo\.databasePath: the file ".*missing\.mmdb" does not exist/,
  );
  await expect(spawnInstance(path.join(dir, 'other.db'), pluginConfigEnv({ routing: { geo: { enabled: true } } }))).rejects.toThrow(/routing\.geo\.databasePath: is required/);
});
