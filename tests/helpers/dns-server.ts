/*
 * A real authoritative DNS server on loopback (dns2, UDP and TCP on one port) serving a zone the test
 * edits: TXT, MX, A and AAAA records per name. Unknown names answer NXDOMAIN; names under a "silent"
 * suffix get no answer at all, to show what the checks do when a DNS server does not reply.
 */
import { promises as dns } from 'node:dns';
import { freePort } from './playground';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const dns2 = require('dns2');
const { Packet } = dns2;

export interface ZoneEntry {
  TXT?: string[];
  MX?: { exchange: string; priority: number }[];
  A?: string[];
  AAAA?: string[];
}

export interface TestDnsServer {
  port: number;
  /** `127.0.0.1:<port>`, for `deliverability.dnsServers`. */
  address: string;
  zone: Map<string, ZoneEntry>;
  /** Adds records to a name (TXT values longer than 255 bytes are split into strings, as DNS requires). */
  add(name: string, entry: ZoneEntry): void;
  set(name: string, entry: ZoneEntry): void;
  remove(name: string): void;
  /** A resolve function (dns.promises.resolve's shape) asking this server, for mailauth in the tests. */
  resolver: (name: string, rrtype: string) => Promise<any>;
  close(): Promise<void>;
}

const chunks = (value: string) => value.match(/.{1,255}/g) ?? [''];

export async function startDnsServer(options: { silentSuffix?: string } = {}): Promise<TestDnsServer> {
  const zone = new Map<string, ZoneEntry>();
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request: any, send: (response: any) => void) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = String(question.name).toLowerCase().replace(/\.$/, '');
      if (options.silentSuffix && name.endsWith(options.silentSuffix)) return; // never answer
      response.header.aa = 1;
      const entry = zone.get(name);
      if (!entry) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
        return send(response);
      }
      const base = { name: question.name, class: Packet.CLASS.IN, ttl: 60 };
      if (question.type === Packet.TYPE.TXT) for (const value of entry.TXT ?? []) response.answers.push({ ...base, type: Packet.TYPE.TXT, data: chunks(value) });
      if (question.type === Packet.TYPE.MX) for (const mx of entry.MX ?? []) response.answers.push({ ...base, type: Packet.TYPE.MX, exchange: mx.exchange, priority: mx.priority });
      if (question.type === Packet.TYPE.A) for (const address of entry.A ?? []) response.answers.push({ ...base, type: Packet.TYPE.A, address });
      if (question.type === Packet.TYPE.AAAA) for (const address of entry.AAAA ?? []) response.answers.push({ ...base, type: Packet.TYPE.AAAA, address });
      send(response);
    },
  });
  const port = await freePort();
  await server.listen({ udp: { port, address: '127.0.0.1', type: 'udp4' }, tcp: { port, address: '127.0.0.1' } });
  const address = `127.0.0.1:${port}`;
  const resolver = new dns.Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([address]);
  return {
    port,
    address,
    zone,
    add(name, entry) {
      const current = zone.get(name) ?? {};
      const merged: ZoneEntry = { ...current };
      for (const key of Object.keys(entry) as (keyof ZoneEntry)[]) merged[key] = [...((current[key] as never[]) ?? []), ...((entry[key] as never[]) ?? [])] as never;
      zone.set(name, merged);
    },
    set: (name, entry) => void zone.set(name, entry),
    remove: (name) => void zone.delete(name),
    resolver: (name, rrtype) => resolver.resolve(name, rrtype),
    close: () => server.close(),
  };
}
