/* Every content type the plugin owns; UIDs are plugin::email-notifications.<singularName>. */
import mailbox from './mailbox';
import message from './message';
import notificationProfile from './notification-profile';
import recipientHistory from './recipient-history';
import rule from './rule';
import ruleFire from './rule-fire';
import suppression from './suppression';
import taskGroup from './task-group';
import template from './template';
import templateVersion from './template-version';
import worker from './worker';
import eventRule from './event-rule';
import eventActionRun from './event-action-run';
import eventWindow from './event-window';

export default {
  mailbox,
  message,
  'notification-profile': notificationProfile,
  'recipient-history': recipientHistory,
  rule,
  'rule-fire': ruleFire,
  suppression,
  'task-group': taskGroup,
  template,
  'template-version': templateVersion,
  worker,
  'event-rule': eventRule,
  'event-action-run': eventActionRun,
  'event-window': eventWindow,
};
