/*
 * Admin entry: registers the plugin, its Settings section "Email notifications" (guarded by the read
 * permission; pages re-check it with Page.Protect) and its translations.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Email notifications' });
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: 'Email notifications' } },
      [
        {
          id: 'mailboxes',
          to: `${PLUGIN_ID}/mailboxes`,
          intlLabel: { id: `${PLUGIN_ID}.settings.mailboxes`, defaultMessage: 'Mailboxes' },
          Component: () => import('./pages/MailboxesSettings'),
          permissions: PERMISSIONS.read,
        },
      ],
    );
  },
  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data, locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
