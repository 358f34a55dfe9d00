import mailboxes from './mailboxes';
import messages from './messages';
import settings from './settings';
import taskGroups from './task-groups';
import templates from './templates';

export default { mailboxes, messages, settings, taskGroups, templates };
