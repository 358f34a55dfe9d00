/* Every content type the plugin owns; UIDs are plugin::email-notifications.<singularName>. */
import mailbox from './mailbox';
import message from './message';
import taskGroup from './task-group';
import template from './template';
import templateVersion from './template-version';
import worker from './worker';

export default { mailbox, message, 'task-group': taskGroup, template, 'template-version': templateVersion, worker };
