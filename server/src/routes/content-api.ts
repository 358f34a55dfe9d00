/*
 * Public routes, served at /api/email-notifications/...: the one-click unsubscribe link. No login:
 * the signed token in the path is the authorisation (it names one address and one category or rule).
 */
export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/unsubscribe/:token', handler: 'unsubscribe.show', config: { auth: false, policies: [] } },
    { method: 'POST', path: '/unsubscribe/:token', handler: 'unsubscribe.confirm', config: { auth: false, policies: [] } },
  ],
};
