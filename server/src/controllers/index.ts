import mailboxes from './mailboxes';

export default { mailboxes };
