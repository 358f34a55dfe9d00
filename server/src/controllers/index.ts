/* The plugin's admin controllers, one per API resource; each is thin (parse params, call its service, respond()). */
import mailboxes from './mailboxes';
import messages from './messages';
import oauth from './oauth';
import profiles from './profiles';
import rules from './rules';
import settings from './settings';
import smtpEventRules from './smtp-event-rules';
import suppressions from './suppressions';
import taskGroups from './task-groups';
import templates from './templates';
import unsubscribe from './unsubscribe';
import deliverability from './deliverability';
import routing from './routing';

export default { mailboxes, messages, oauth, profiles, rules, settings, suppressions, taskGroups, templates, smtpEventRules, unsubscribe, deliverability, routing };
