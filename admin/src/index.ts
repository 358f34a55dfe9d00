/*
 * Admin entry: registers the plugin, its main-menu page "Mail log" and its Settings section "Email
 * notifications" (Mailboxes, Task groups, Templates, Rules, Suppressions, My notifications, Deliverability, Options, SMTP events), each link guarded by
 * its read permission (pages re-check it with Page.Protect; "My notifications" is every admin's own), the home
 * page widget of the last 24 hours (for admins who may read the mail log), and its translations.
 */
import { Mail } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { MAILBOX_PERMISSIONS, MESSAGE_PERMISSIONS, RULE_PERMISSIONS, SETTINGS_PERMISSIONS, TASK_GROUP_PERMISSIONS, TEMPLATE_PERMISSIONS } from './permissions';
import { EVENT_PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Email notifications' });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Mail,
      intlLabel: { id: `${PLUGIN_ID}.menu.mailLog`, defaultMessage: 'Mail log' },
      Component: () => import('./pages/MailLogApp'),
      permissions: MESSAGE_PERMISSIONS.read,
    });
    app.widgets.register({
      id: 'mail-last-24-hours',
      pluginId: PLUGIN_ID,
      icon: Mail,
      title: { id: `${PLUGIN_ID}.widget.title`, defaultMessage: 'Email, last 24 hours' },
      link: { label: { id: `${PLUGIN_ID}.widget.link`, defaultMessage: 'Open the Mail log' }, href: `/plugins/${PLUGIN_ID}` },
      // Strapi's home page awaits the component itself, not a module with a default export.
      component: async () => (await import('./components/widget/MailWidget')).MailWidget,
      permissions: MESSAGE_PERMISSIONS.read,
    });
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: 'Email notifications' } },
      [
        {
          id: 'mailboxes',
          to: `${PLUGIN_ID}/mailboxes`,
          intlLabel: { id: `${PLUGIN_ID}.settings.mailboxes`, defaultMessage: 'Mailboxes' },
          Component: () => import('./pages/MailboxesSettings'),
          permissions: MAILBOX_PERMISSIONS.read,
        },
        {
          id: 'task-groups',
          to: `${PLUGIN_ID}/task-groups`,
          intlLabel: { id: `${PLUGIN_ID}.settings.taskGroups`, defaultMessage: 'Task groups' },
          Component: () => import('./pages/TaskGroupsSettings'),
          // Task groups route mail between mailboxes: the server guards them with the mailbox actions.
          permissions: TASK_GROUP_PERMISSIONS.read,
        },
        {
          id: 'templates',
          to: `${PLUGIN_ID}/templates`,
          intlLabel: { id: `${PLUGIN_ID}.settings.templates`, defaultMessage: 'Templates' },
          Component: () => import('./pages/TemplatesSettings'),
          permissions: TEMPLATE_PERMISSIONS.read,
        },
        {
          id: 'rules',
          to: `${PLUGIN_ID}/rules`,
          intlLabel: { id: `${PLUGIN_ID}.settings.rules`, defaultMessage: 'Rules' },
          Component: () => import('./pages/RulesSettings'),
          permissions: RULE_PERMISSIONS.read,
        },
        {
          id: 'suppressions',
          to: `${PLUGIN_ID}/suppressions`,
          intlLabel: { id: `${PLUGIN_ID}.settings.suppressions`, defaultMessage: 'Suppressions' },
          Component: () => import('./pages/SuppressionsSettings'),
          // The addresses rules skip: guarded like the rules (rules.update releases them).
          permissions: RULE_PERMISSIONS.read,
        },
        {
          id: 'my-notifications',
          to: `${PLUGIN_ID}/my-notifications`,
          intlLabel: { id: `${PLUGIN_ID}.settings.myNotifications`, defaultMessage: 'My notifications' },
          Component: () => import('./pages/NotificationProfileSettings'),
          // Every admin manages their own profile: no permission beyond being signed in.
          permissions: [],
        },
        {
          id: 'deliverability',
          to: `${PLUGIN_ID}/deliverability`,
          intlLabel: { id: `${PLUGIN_ID}.settings.deliverability`, defaultMessage: 'Deliverability' },
          Component: () => import('./pages/DeliverabilitySettings'),
          permissions: MAILBOX_PERMISSIONS.read,
        },
        {
          id: 'options',
          to: `${PLUGIN_ID}/options`,
          intlLabel: { id: `${PLUGIN_ID}.settings.options`, defaultMessage: 'Options' },
          Component: () => import('./pages/OptionsSettings'),
          permissions: SETTINGS_PERMISSIONS.read,
        },
        {
          id: 'smtp-events',
          to: `${PLUGIN_ID}/smtp-events`,
          intlLabel: { id: `${PLUGIN_ID}.settings.smtpEvents`, defaultMessage: 'SMTP events' },
          Component: () => import('./pages/SmtpEventsSettings'),
          // System administrators only: the events actions, which only the Super Admin role has by default.
          permissions: EVENT_PERMISSIONS.read,
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
