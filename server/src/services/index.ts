import mailLog from './mail-log';
import mailboxes from './mailboxes';
import notifications from './notifications';
import outbox from './outbox';
import profiles from './profiles';
import rules from './rules';
import settings from './settings';
import smtpTools from './smtp-tools';
import taskGroups from './task-groups';
import templates from './templates';

export default { mailboxes, mailLog, notifications, outbox, profiles, rules, settings, smtpTools, taskGroups, templates };
