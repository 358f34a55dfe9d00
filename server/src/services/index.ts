import mailboxes from './mailboxes';
import notifications from './notifications';
import outbox from './outbox';
import smtpTools from './smtp-tools';

export default { mailboxes, notifications, outbox, smtpTools };
