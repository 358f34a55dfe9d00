import mailboxes from './mailboxes';
import smtpTools from './smtp-tools';

export default { mailboxes, smtpTools };
