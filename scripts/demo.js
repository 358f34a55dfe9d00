#!/usr/bin/env node
/*
 * `npm run demo`: builds the plugin and the playground admin, starts an SMTP capture server on
 * 127.0.0.1 (DEMO_SMTP_PORT, default 1025) as the default mailbox, then the playground helpdesk at
 * http://127.0.0.1:1337 (PORT) on SQLite with seeded RMAs, customers and tickets. Captured mail is kept
 * as .eml files in playground/.tmp/mail and listed on the console with its DKIM, SPF and DMARC verdict,
 * checked against a DNS server on 127.0.0.1 (DEMO_DNS_PORT, default 1053) that publishes the demo domain's
 * records and the default mailbox's DKIM key. DEMO_SKIP_BUILD=1 skips the builds.
 */
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { PLAYGROUND, BIN, ensurePlaygroundEnv, buildPlugin, buildPlaygroundAdmin } = require('./lib');
const { startSmtpSink } = require('../playground/lib/smtp-sink');
const { startDemoDns, mailVerdict } = require('../playground/lib/demo-dns');

const HOST = '127.0.0.1';
const PORT = Number(process.env.PORT || 1337);
const SMTP_PORT = Number(process.env.DEMO_SMTP_PORT || 1025);
const DNS_PORT = Number(process.env.DEMO_DNS_PORT || 1053);
const MAIL_DIR = path.join(PLAYGROUND, '.tmp', 'mail');
const DNS_RECORDS = path.join(PLAYGROUND, '.tmp', 'demo-dkim-records.json');
const DEMO_DOMAIN = 'example.com';

async function main() {
  const secrets = ensurePlaygroundEnv();
  if (process.env.DEMO_SKIP_BUILD !== '1') {
    buildPlugin();
    buildPlaygroundAdmin(secrets);
  }

  let dns;
  try {
    fs.mkdirSync(path.dirname(DNS_RECORDS), { recursive: true });
    dns = await startDemoDns({ port: DNS_PORT, domain: DEMO_DOMAIN, recordsFile: DNS_RECORDS });
  } catch (error) {
    console.error(`Could not start the demo's DNS server on ${HOST}:${DNS_PORT} (${error.message}). Set DEMO_DNS_PORT to a free port.`);
    process.exit(1);
  }
  const logMail = async (m) => {
    const verdict = await mailVerdict(m, dns.resolver).catch((error) => `not verified (${error.message})`);
    console.log(`\n[mail catcher] ${m.receivedAt}  to ${m.envelope.to.join(', ')}  "${m.subject}"\n               ${verdict}\n               saved as ${path.relative(process.cwd(), m.file)}\n`);
  };

  let sink;
  try {
    sink = await startSmtpSink({
      port: SMTP_PORT,
      host: HOST,
      // Plain SMTP only: a mail catcher on loopback has no certificate anyone could verify.
      starttls: false,
      dir: MAIL_DIR,
      onMessage: (m) => void logMail(m),
    });
  } catch (error) {
    console.error(`Could not start the SMTP capture server on ${HOST}:${SMTP_PORT} (${error.message}). Set DEMO_SMTP_PORT to a free port.`);
    process.exit(1);
  }
  const kept = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')) : [];

  const env = {
    ...process.env,
    ...secrets,
    HOST,
    PORT: String(PORT),
    STRAPI_TELEMETRY_DISABLED: 'true',
    PLAYGROUND_SEED: 'true',
    PLAYGROUND_DEMO_DNS_FILE: DNS_RECORDS,
    PLAYGROUND_PLUGIN_CONFIG: JSON.stringify({ deliverability: { dnsServers: [dns.address] }, ...JSON.parse(process.env.PLAYGROUND_PLUGIN_CONFIG || '{}') }),
    EMAIL_NOTIFICATIONS_SMTP_URL:
      process.env.EMAIL_NOTIFICATIONS_SMTP_URL ||
      `smtp://${HOST}:${sink.port}?security=none&from=helpdesk@example.com&name=${encodeURIComponent('Playground Helpdesk')}`,
  };
  const strapi = spawn(path.join(BIN, 'strapi'), ['start'], { cwd: PLAYGROUND, env, stdio: ['inherit', 'pipe', 'inherit'] });
  let announced = false;
  strapi.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!announced && /Strapi started successfully|To manage your project|Welcome back/i.test(chunk.toString())) {
      announced = true;
      announce(sink, dns, kept.length);
    }
  });
  // Some Strapi versions print nothing recognisable when the startup message is off: announce anyway.
  setTimeout(() => !announced && ((announced = true), announce(sink, dns, kept.length)), 60000).unref();

  const stop = async (code) => {
    strapi.kill('SIGTERM');
    await sink.close();
    await dns.close();
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  strapi.on('exit', async (code) => {
    await sink.close();
    await dns.close();
    process.exit(code ?? 0);
  });
}

function announce(sink, dns, keptCount) {
  const url = `http://${HOST}:${PORT}`;
  console.log(`
──────────────────────────────────────────────────────────────────────────────
 Playground helpdesk with strapi-plugin-email-notifications is running.

 Admin panel:   ${url}/admin
 First admin:   register in the browser at ${url}/admin (first run only), or:
                curl -X POST ${url}/admin/register-admin -H 'content-type: application/json' \\
                  -d '{"email":"admin@example.com","password":"Admin-Passw0rd!","firstname":"Ada","lastname":"Admin"}'
 Mailboxes:     Settings → Email notifications → Mailboxes ("Default mailbox" is the catcher below;
                a mailbox of your own pointing at it needs Security "none")
 Mail log:      the "Mail log" entry of the main menu
 Mail catcher:  SMTP on ${sink.host}:${sink.port}; every message is kept in ${path.relative(process.cwd(), MAIL_DIR)}/ as .eml
                (${keptCount} kept from earlier runs) and listed here as it arrives.
 DNS:           ${dns.address} publishes ${DEMO_DOMAIN}'s MX, SPF, DMARC and the default mailbox's DKIM key
                (the Deliverability page checks against it; each captured message shows its verdict).
 Stop:          Ctrl+C. Data stays in playground/.tmp/data.db for the next run.
──────────────────────────────────────────────────────────────────────────────
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
