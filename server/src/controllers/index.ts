import mailboxes from './mailboxes';
import messages from './messages';
import rules from './rules';
import settings from './settings';
import taskGroups from './task-groups';
import templates from './templates';

export default { mailboxes, messages, rules, settings, taskGroups, templates };
