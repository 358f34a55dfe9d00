/*
 * For the demo (PLAYGROUND_DEMO_DNS_FILE set): gives the default mailbox a DKIM key for its From
 * domain, through the plugin's own key manager, and writes the DKIM TXT records of every mailbox to
 * that file, which the demo's DNS server publishes. Runs at every start; a mailbox keeps its key.
 */
'use strict';

const fs = require('fs');

const DEMO_SELECTOR = 'demo';

async function publishDemoDkim(strapi, file) {
  const plugin = strapi.plugin('email-notifications');
  if (!plugin) return;
  const mailboxes = plugin.service('mailboxes');
  const standard = (await mailboxes.list()).find((m) => m.isDefault && m.direction === 'out');
  if (standard && !standard.dkim.hasKey) {
    const domain = standard.fromAddress.slice(standard.fromAddress.lastIndexOf('@') + 1);
    await plugin.service('deliverability').addDkimKey(standard.id, { domain, selector: DEMO_SELECTOR });
    strapi.log.info(`[playground] gave "${standard.name}" a DKIM key (${DEMO_SELECTOR}._domainkey.${domain}), published by the demo's DNS server`);
  }
  const records = (await mailboxes.list()).flatMap((m) => m.dkim.keys.map((k) => k.dnsRecord));
  fs.writeFileSync(file, JSON.stringify(records, null, 2));
}

module.exports = { publishDemoDkim };
