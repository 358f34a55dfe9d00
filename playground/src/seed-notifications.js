/*
 * The demo's notification set-up, created through the plugin's own services (so it is validated like
 * anything an admin saves): an RMA template and three rules from the product description — stage
 * changed, a morning digest, and turn-around time exceeded.
 */
'use strict';

const RMA_TEMPLATE = {
  name: 'rma-stage-changed',
  category: 'record',
  contentType: 'api::rma.rma',
  description: 'Tells the customer that their RMA moved to another stage.',
  subject: 'Your RMA {{record.number}} is now {{changes.stage.to}}',
  mjml: `<mj-section>
  <mj-column>
    <mj-text><p>Hello {{record.customer.name}},</p>
<p>your return <strong>{{record.number}}</strong> moved from <em>{{changes.stage.from}}</em> to <strong>{{changes.stage.to}}</strong>.</p>
<p>We will let you know when it moves on.</p></mj-text>
  </mj-column>
</mj-section>`,
};

const RULES = [
  {
    name: 'RMA authorised: tell the customer',
    category: 'rma',
    trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
    conditions: { all: [{ field: 'stage', op: 'changedTo', value: 'authorized' }] },
    recipients: { to: [{ path: 'customer.email' }], cc: [{ path: 'owner' }] },
    template: 'rma-stage-changed',
  },
  {
    name: 'Morning list: RMAs waiting for authorisation',
    category: 'rma',
    trigger: { type: 'schedule', cron: '0 8 * * 1-5', timezone: 'Europe/Berlin', contentType: 'api::rma.rma', filters: { stage: 'received' } },
    recipients: { to: [{ address: 'rma-team@example.com' }] },
    template: 'digest',
  },
  {
    name: 'RMA turn-around time exceeded',
    category: 'rma',
    trigger: { type: 'time', contentType: 'api::rma.rma', field: 'receivedAt', olderThanHours: { field: 'tatHours' }, repeat: 'once', everyMinutes: 5 },
    conditions: { field: 'stage', op: 'notIn', value: ['repaired', 'shipped'] },
    recipients: { to: [{ address: 'rma-team@example.com' }], cc: [{ subscribers: true }] },
    template: 'time-exceeded',
  },
];

async function seedNotifications(strapi) {
  const plugin = strapi.plugin('email-notifications');
  if (!plugin) return;
  await plugin.service('templates').create(RMA_TEMPLATE, null);
  for (const rule of RULES) await plugin.service('rules').create(rule);
  strapi.log.info('[playground] created the RMA template and 3 notification rules');
}

module.exports = { seedNotifications };
