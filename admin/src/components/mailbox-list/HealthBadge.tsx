/*
 * A mailbox's health as the delivery worker last recorded it: Healthy, Failing until a time (circuit
 * open) or N recent failures (circuit closed), or Secret unreadable when a stored secret cannot be
 * decrypted. The last failure (or the server's explanation) is the badge's tooltip. Presentational.
 */
import { Badge, Tooltip } from '@strapi/design-system';
import type { MailboxHealth } from '../../api/mailbox-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT } from '../../utils/use-t';

type HealthState =
  | { kind: 'healthy' }
  | { kind: 'failing'; until: string }
  | { kind: 'recentFailures'; count: number }
  | { kind: 'secretUnreadable'; problem: string };

function healthState(health: MailboxHealth, secretProblem: string | null, now: number): HealthState {
  if (secretProblem) return { kind: 'secretUnreadable', problem: secretProblem };
  if (health.circuitOpenUntil && Date.parse(health.circuitOpenUntil) > now) return { kind: 'failing', until: health.circuitOpenUntil };
  if (health.consecutiveFailures > 0) return { kind: 'recentFailures', count: health.consecutiveFailures };
  return { kind: 'healthy' };
}

export const HealthBadge = ({ health, secretProblem }: { health: MailboxHealth; secretProblem: string | null }) => {
  const t = useT();
  const { clock } = useFormatters();
  const state = healthState(health, secretProblem, Date.now());
  if (state.kind === 'healthy') return <Badge variant="success">{t('email-notifications.health.healthy')}</Badge>;

  const badge =
    state.kind === 'secretUnreadable' ? (
      <Badge variant="danger">{t('email-notifications.health.secretUnreadable')}</Badge>
    ) : state.kind === 'failing' ? (
      <Badge variant="danger">{t('email-notifications.health.failingUntil', { time: clock(state.until) })}</Badge>
    ) : (
      <Badge variant="warning">{t('email-notifications.health.recentFailures', { count: state.count })}</Badge>
    );
  const tooltip = state.kind === 'secretUnreadable' ? state.problem : health.lastFailure && t('email-notifications.health.lastFailure', { message: health.lastFailure });
  if (!tooltip) return badge;
  return (
    <Tooltip label={tooltip}>
      {/* Focusable, so keyboard users reach the tooltip too. */}
      <span tabIndex={0} data-testid="mailbox-health">
        {badge}
      </span>
    </Tooltip>
  );
};
