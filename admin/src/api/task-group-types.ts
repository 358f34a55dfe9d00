/*
 * Shapes of the task group routes (/email-notifications/task-groups). They mirror the server's DTO
 * and request schema; the server is the authority, these types only describe it.
 */

export const STRATEGIES = ['failover', 'round-robin', 'weighted', 'least-loaded'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const FALLBACKS = ['default', 'wait'] as const;
/** When no mailbox of the group can send: use the default mailboxes, or keep the message waiting. */
export type Fallback = (typeof FALLBACKS)[number];

export interface TaskGroup {
  id: string;
  name: string;
  description: string;
  strategy: Strategy;
  /** Mailbox ids in order (the order matters for failover). */
  mailboxes: string[];
  fallback: Fallback;
  createdAt: string;
  updatedAt: string;
}

/** Body of POST (name and mailboxes required) and PUT (any subset). Unknown fields are refused. */
export type TaskGroupBody = Partial<Pick<TaskGroup, 'name' | 'description' | 'strategy' | 'mailboxes' | 'fallback'>>;
