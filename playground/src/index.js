/*
 * The playground helpdesk: seeds a few customers, RMAs and tickets (and the demo's notification
 * template and rules) when PLAYGROUND_SEED=true and the database is empty; for the demo, a DKIM key
 * published by its DNS server (PLAYGROUND_DEMO_DNS_FILE); creates an admin user only when PLAYGROUND_ADMIN_EMAIL and PLAYGROUND_ADMIN_PASSWORD
 * are set (otherwise Strapi's own first-run registration applies).
 */
'use strict';

const { seedNotifications } = require('./seed-notifications');
const { publishDemoDkim } = require('./demo-dkim');

const CUSTOMERS = [
  { name: 'Ada Lovelace', email: 'ada@example.com', lastLoginIp: '81.2.69.142' },
  { name: 'Grace Hopper', email: 'grace@example.org', lastLoginIp: '216.160.83.56' },
  { name: 'Kenji Tanaka', email: 'kenji@example.jp', lastLoginIp: '202.196.224.1' },
];

const hoursAgo = (h) => new Date(Date.now() - h * 3600 * 1000).toISOString();

async function seed(strapi) {
  const existing = await strapi.documents('api::customer.customer').count({});
  if (existing > 0) return;
  const customers = [];
  for (const data of CUSTOMERS) customers.push(await strapi.documents('api::customer.customer').create({ data }));
  const rmas = [
    { number: 'RMA-1001', stage: 'received', customer: customers[0].documentId, receivedAt: hoursAgo(2), tatHours: 48 },
    { number: 'RMA-1002', stage: 'received', customer: customers[1].documentId, receivedAt: hoursAgo(60), tatHours: 48 },
    { number: 'RMA-1003', stage: 'authorized', customer: customers[2].documentId, receivedAt: hoursAgo(30), tatHours: 72 },
    { number: 'RMA-1004', stage: 'in-repair', customer: customers[0].documentId, receivedAt: hoursAgo(100), tatHours: 96 },
  ];
  for (const data of rmas) await strapi.documents('api::rma.rma').create({ data });
  await strapi.documents('api::ticket.ticket').create({
    data: { subject: 'Screen flickers after repair', state: 'open', priority: 'high', customer: customers[0].documentId },
    status: 'published',
  });
  await strapi.documents('api::ticket.ticket').create({
    data: { subject: 'Where is my replacement unit?', state: 'pending', customer: customers[2].documentId },
  });
  strapi.log.info('[playground] seeded 3 customers, 4 RMAs and 2 tickets');
  await seedNotifications(strapi);
}

async function seedAdmin(strapi) {
  const email = process.env.PLAYGROUND_ADMIN_EMAIL;
  const password = process.env.PLAYGROUND_ADMIN_PASSWORD;
  if (!email || !password) return;
  if (await strapi.admin.services.user.exists()) return;
  const superAdminRole = await strapi.admin.services.role.getSuperAdmin();
  await strapi.admin.services.user.create({
    email,
    firstname: 'Demo',
    lastname: 'Admin',
    password,
    registrationToken: null,
    isActive: true,
    roles: superAdminRole ? [superAdminRole.id] : [],
  });
  strapi.log.info(`[playground] created the admin user ${email}`);
}

module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    if (process.env.PLAYGROUND_SEED === 'true') await seed(strapi);
    if (process.env.PLAYGROUND_DEMO_DNS_FILE) await publishDemoDkim(strapi, process.env.PLAYGROUND_DEMO_DNS_FILE);
    await seedAdmin(strapi);
  },
};
