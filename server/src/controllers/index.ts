import mailboxes from './mailboxes';
import messages from './messages';
import settings from './settings';

export default { mailboxes, messages, settings };
