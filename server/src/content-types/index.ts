/* Every content type the plugin owns; UIDs are plugin::email-notifications.<singularName>. */
import mailbox from './mailbox';

export default { mailbox };
