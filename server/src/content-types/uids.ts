/*
 * The one definition of the UID of every content type the plugin owns
 * (plugin::email-notifications.<singularName>). Code names a table through these, never a raw string.
 */
import { PLUGIN_ID } from '../config/plugin-config';

const uid = <Name extends string>(name: Name) => `plugin::${PLUGIN_ID}.${name}` as const;

export const MAILBOX_UID = uid('mailbox');
export const MESSAGE_UID = uid('message');
export const NOTIFICATION_PROFILE_UID = uid('notification-profile');
export const RECIPIENT_HISTORY_UID = uid('recipient-history');
export const RULE_UID = uid('rule');
export const RULE_FIRE_UID = uid('rule-fire');
export const SUPPRESSION_UID = uid('suppression');
export const TASK_GROUP_UID = uid('task-group');
export const TEMPLATE_UID = uid('template');
export const TEMPLATE_VERSION_UID = uid('template-version');
export const WORKER_UID = uid('worker');
export const EVENT_RULE_UID = uid('event-rule');
export const EVENT_ACTION_RUN_UID = uid('event-action-run');
export const EVENT_WINDOW_UID = uid('event-window');
