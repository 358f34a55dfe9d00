/* The plugin's Strapi services: thin views of the runtime, one per API resource, plus the developer API (`notifications`). */
import mailboxes from './mailboxes';
import messages from './messages';
import notifications from './notifications';
import outbox from './outbox';
import profiles from './profiles';
import rules from './rules';
import settings from './settings';
import smtpEventRules from './smtp-event-rules';
import suppressions from './suppressions';
import taskGroups from './task-groups';
import templates from './templates';

export default { mailboxes, messages, notifications, outbox, profiles, rules, settings, suppressions, taskGroups, templates, smtpEventRules };
