/*
 * The demo's sending domain in DNS: a DNS server on loopback publishing MX, SPF, DMARC and the DKIM
 * records the playground writes to a file when it gives its default mailbox a key, so the Deliverability
 * page checks something real and every captured message's DKIM, SPF and DMARC verdict can be shown.
 */
'use strict';

const fs = require('fs');
const { authenticate } = require('mailauth');
const { startDnsServer } = require('./dns-server');

/** The records of `domain` for mail sent from 127.0.0.1, plus the DKIM records in `dkimRecords`. */
function demoZone(domain, dkimRecords) {
  return [
    [domain, { MX: [{ exchange: `mail.${domain}`, priority: 10 }], TXT: ['v=spf1 ip4:127.0.0.1 ~all'] }],
    [`_dmarc.${domain}`, { TXT: [`v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}`] }],
    ...dkimRecords.map((record) => [record.name, { TXT: [record.value] }]),
  ];
}

/** Serves the demo zone; the DKIM records are read again whenever `recordsFile` changes. */
async function startDemoDns({ port, domain, recordsFile }) {
  const server = await startDnsServer({ port });
  const load = () => {
    const records = fs.existsSync(recordsFile) ? JSON.parse(fs.readFileSync(recordsFile, 'utf8')) : [];
    server.zone.clear();
    for (const [name, entry] of demoZone(domain, records)) server.set(name, entry);
  };
  load();
  fs.watchFile(recordsFile, { interval: 500 }, load);
  return { ...server, close: async () => (fs.unwatchFile(recordsFile), server.close()) };
}

/** "DKIM pass (example.com, selector demo) · SPF pass · DMARC pass" for a captured message. */
async function mailVerdict(message, resolver) {
  const result = await authenticate(message.raw, { ip: '127.0.0.1', helo: 'localhost', sender: message.envelope.from, mta: 'mail-catcher', resolver });
  const dkim = result.dkim.results.map((r) => `DKIM ${r.status.result}${r.signingDomain ? ` (${r.signingDomain}, selector ${r.selector})` : ''}`);
  return [...(dkim.length ? dkim : ['DKIM none']), `SPF ${result.spf?.status?.result ?? 'none'}`, `DMARC ${result.dmarc?.status?.result ?? 'none'}`].join(' · ');
}

module.exports = { startDemoDns, mailVerdict, demoZone };
