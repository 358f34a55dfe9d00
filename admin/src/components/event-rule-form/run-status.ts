/*
 * How an action run's status reads and looks (label and badge colour), and what an action type is
 * called, for the test result and the history table. One table each; presentation only.
 */
import type { ActionType, RunStatus } from '../../api/event-rule-types';
import type { MessageId } from '../../utils/use-t';

export const RUN_STATUS_BADGES: Record<RunStatus, { label: MessageId; variant: 'success' | 'warning' | 'danger' | 'secondary' | 'neutral' }> = {
  queued: { label: 'email-notifications.events.run.queued', variant: 'secondary' },
  running: { label: 'email-notifications.events.run.running', variant: 'secondary' },
  succeeded: { label: 'email-notifications.events.run.succeeded', variant: 'success' },
  retrying: { label: 'email-notifications.events.run.retrying', variant: 'warning' },
  failed: { label: 'email-notifications.events.run.failed', variant: 'danger' },
};

export const actionLabel = (type: ActionType): MessageId => `email-notifications.events.actionType.${type}`;
