/*
 * A real authoritative DNS server on loopback (dns2, UDP and TCP on one port) serving a zone its owner
 * edits: TXT, MX, A and AAAA records per name. Unknown names answer NXDOMAIN; names under a "silent"
 * suffix get no answer at all (what the checks do when DNS does not reply). The demo publishes its
 * sending domain's SPF, DKIM and DMARC records with it; the tests serve good and broken records.
 */
'use strict';

const net = require('net');
const { promises: dns } = require('dns');
const dns2 = require('dns2');

const { Packet } = dns2;
// TXT values longer than 255 bytes are split into strings, as DNS requires.
const chunks = (value) => value.match(/.{1,255}/g) ?? [''];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function answer(zone, options, request, send) {
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
}

/** Starts the server on `options.port` (default: a free port) of 127.0.0.1. */
async function startDnsServer(options = {}) {
  const zone = new Map();
  const server = dns2.createServer({ udp: true, tcp: true, handle: (request, send) => answer(zone, options, request, send) });
  const port = options.port || (await freePort());
  await server.listen({ udp: { port, address: '127.0.0.1', type: 'udp4' }, tcp: { port, address: '127.0.0.1' } });
  const address = `127.0.0.1:${port}`;
  // Retries: a UDP answer lost on a busy machine must not read as a broken record.
  const resolver = new dns.Resolver({ timeout: 2000, tries: 3 });
  resolver.setServers([address]);
  return {
    port,
    address,
    zone,
    add(name, entry) {
      const current = zone.get(name) ?? {};
      const merged = { ...current };
      for (const key of Object.keys(entry)) merged[key] = [...(current[key] ?? []), ...(entry[key] ?? [])];
      zone.set(name, merged);
    },
    set: (name, entry) => void zone.set(name, entry),
    remove: (name) => void zone.delete(name),
    resolver: (name, rrtype) => resolver.resolve(name, rrtype),
    close: () => server.close(),
  };
}

module.exports = { startDnsServer };
