/*
 * Boots the playground Strapi in a process of its own (environment from the parent), for the
 * multi-instance and crash tests. Prints "READY" once it listens; SIGTERM stops it cleanly.
 */
'use strict';

const path = require('path');
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.resolve(__dirname, '..', '..', 'playground');
  const strapi = createStrapi({ appDir, distDir: appDir, serveAdminPanel: false });
  strapi.log.level = process.env.STRAPI_LOG_LEVEL || 'error';
  await strapi.load();
  await strapi.listen();
  process.stdout.write('READY\n');
  process.once('SIGTERM', async () => {
    await strapi.destroy();
    process.exit(0);
  });
})().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
