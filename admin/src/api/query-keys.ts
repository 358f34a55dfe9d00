/*
 * The react-query keys of every admin query, and so of what a change invalidates: one tree under
 * `email-notifications`, a branch per API resource. The *-queries.ts modules build their hooks on KEYS;
 * nothing here fetches.
 */
import type { MessageListParams } from './message-types';
import type { SuppressionListParams } from './suppression-types';
import type { StatsParams } from './stats-types';

export const KEYS = {
  all: ['email-notifications'] as const,
  messages: () => [...KEYS.all, 'messages'] as const,
  messageLists: () => [...KEYS.messages(), 'list'] as const,
  messageList: (params: MessageListParams) => [...KEYS.messageLists(), params] as const,
  message: (id: string) => [...KEYS.messages(), 'detail', id] as const,
  health: () => [...KEYS.all, 'health'] as const,
  mailboxes: () => [...KEYS.all, 'mailboxes'] as const,
  mailboxList: () => [...KEYS.mailboxes(), 'list'] as const,
  settings: () => [...KEYS.all, 'settings'] as const,
  taskGroups: () => [...KEYS.all, 'task-groups'] as const,
  taskGroupList: () => [...KEYS.taskGroups(), 'list'] as const,
  taskGroup: (id: string) => [...KEYS.taskGroups(), 'detail', id] as const,
  templates: () => [...KEYS.all, 'templates'] as const,
  templateList: () => [...KEYS.templates(), 'list'] as const,
  template: (id: string) => [...KEYS.templates(), 'detail', id] as const,
  templateVersions: (id: string) => [...KEYS.templates(), 'versions', id] as const,
  templateDiff: (id: string, version: number) => [...KEYS.templates(), 'diff', id, version] as const,
  templateVariables: (category: string, contentType: string | null) => [...KEYS.templates(), 'variables', category, contentType ?? ''] as const,
  templatePreview: (request: unknown) => [...KEYS.templates(), 'preview', request] as const,
  rules: () => [...KEYS.all, 'rules'] as const,
  ruleList: () => [...KEYS.rules(), 'list'] as const,
  rule: (id: string) => [...KEYS.rules(), 'detail', id] as const,
  rulesMeta: () => [...KEYS.rules(), 'meta'] as const,
  adminRoles: () => [...KEYS.all, 'admin-roles'] as const,
  profile: () => [...KEYS.all, 'profile'] as const,
  suppressions: () => [...KEYS.all, 'suppressions'] as const,
  suppressionList: (params: SuppressionListParams) => [...KEYS.suppressions(), 'list', params] as const,
  deliverabilityGuide: () => [...KEYS.all, 'deliverability', 'guide'] as const,
  statsAll: () => [...KEYS.all, 'stats'] as const,
  stats: (params: StatsParams) => [...KEYS.statsAll(), params] as const,
  eventRules: () => [...KEYS.all, 'smtp-event-rules'] as const,
  eventRuleList: () => [...KEYS.eventRules(), 'list'] as const,
  eventRule: (id: string) => [...KEYS.eventRules(), 'detail', id] as const,
  eventRulesMeta: () => [...KEYS.eventRules(), 'meta'] as const,
  eventRuleHistories: (id: string) => [...KEYS.eventRules(), 'history', id] as const,
  eventRuleHistory: (id: string, page: number, pageSize: number) => [...KEYS.eventRuleHistories(id), page, pageSize] as const,
};
