// Loads strapi-plugin-email-notifications from the repository root (built into ../dist by `npm run build`).
const path = require('path');

module.exports = ({ env }) => ({
  // Strapi's own email plugin. With capture on (the default), the plugin above delivers its mail;
  // PLAYGROUND_STRAPI_EMAIL_SMTP configures Strapi's nodemailer provider directly (the benchmark's baseline).
  ...(env('PLAYGROUND_STRAPI_EMAIL_SMTP')
    ? {
        email: {
          config: {
            provider: 'nodemailer',
            providerOptions: { url: env('PLAYGROUND_STRAPI_EMAIL_SMTP') },
            settings: { defaultFrom: 'helpdesk@example.com' },
          },
        },
      }
    : {}),
  'email-notifications': {
    // Off only for the rule-overhead benchmark's baseline, which runs a copy of this app without the
    // RMA's relation to the plugin's mailboxes.
    enabled: env('PLAYGROUND_PLUGIN_DISABLED') !== 'true',
    resolve: path.resolve(__dirname, '..', '..'),
    config: {
      // The demo points this at its embedded SMTP capture server; set it to your own SMTP server,
      // e.g. smtp://user:password@smtp.example.com:587?from=helpdesk@example.com
      ...(env('EMAIL_NOTIFICATIONS_SMTP_URL') ? { defaultMailbox: env('EMAIL_NOTIFICATIONS_SMTP_URL') } : {}),
      // Mailboxes set to "registered users only" send to customers and admin users.
      registeredRecipientSources: [
        { uid: 'api::customer.customer', field: 'email' },
        { uid: 'admin::user', field: 'email' },
      ],
      // Any other option as JSON, e.g. '{"smtpTimeouts":{"connectionTimeoutMs":5000}}' (used by the tests).
      ...JSON.parse(env('PLAYGROUND_PLUGIN_CONFIG', '{}')),
    },
  },
});
