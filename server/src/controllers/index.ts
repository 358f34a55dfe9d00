/* The plugin's admin controllers, one per API resource; each is thin (parse params, call its service, respond()). */
import mailboxes from './mailboxes';
import messages from './messages';
import profiles from './profiles';
import rules from './rules';
import settings from './settings';
import smtpEventRules from './smtp-event-rules';
import suppressions from './suppressions';
import taskGroups from './task-groups';
import templates from './templates';

export default { mailboxes, messages, profiles, rules, settings, suppressions, taskGroups, templates, smtpEventRules };
