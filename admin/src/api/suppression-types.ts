/* The suppressions API as the admin sees it (GET /suppressions, POST /suppressions/release): held addresses after hard bounces and opt-outs. */

export type SuppressionKind = 'bounce' | 'unsubscribe';

export interface Suppression {
  id: string;
  address: string;
  kind: SuppressionKind;
  /** `*` (all mail), `category:<name>` or `rule:<id>`. */
  scope: string;
  reason: string;
  since: string;
  /** Null: held until an admin releases it. */
  until: string | null;
  bounces: number;
}

export interface SuppressionPage {
  results: Suppression[];
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
}

export interface SuppressionListParams {
  q?: string;
  page: number;
  pageSize: number;
}
