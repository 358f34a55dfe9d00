/*
 * The "Actions" card: what the rule does when it triggers, one ActionRow per action with add and
 * remove. Each row sees its own errors without the `actions.<n>.` prefix, and its clears get it back,
 * so the rule form's recipients editor works unchanged inside an email action.
 */
import { Box, Button, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import type { EventRulesMeta } from '../../api/event-rule-types';
import type { AdminRole } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import type { FieldErrors } from '../form/field-errors';
import { Cell, FormSection } from '../form/FormSection';
import { ActionRow } from './ActionRow';
import { newActionValues, type ActionValues } from './event-rule-values';

interface EventActionsSectionProps {
  actions: ActionValues[];
  meta: EventRulesMeta;
  roles: readonly AdminRole[] | null;
  errors: FieldErrors;
  onChange: (actions: ActionValues[], clear: string[]) => void;
  disabled: boolean;
}

/** The errors under `prefix.`, keyed by the rest of their path. */
function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const start = `${prefix}.`;
  return Object.fromEntries(Object.entries(errors).flatMap(([path, message]) => (path.startsWith(start) ? [[path.slice(start.length), message]] : [])));
}

export const EventActionsSection = ({ actions, meta, roles, errors, onChange, disabled }: EventActionsSectionProps) => {
  const t = useT();
  return (
    <FormSection title={t('email-notifications.eventForm.section.actions')} description={t('email-notifications.eventForm.section.actions.description')}>
      {actions.length === 0 && (
        <Cell full>
          <Typography textColor="neutral600">{t('email-notifications.eventForm.actions.empty')}</Typography>
        </Cell>
      )}
      {actions.map((action, index) => (
        <ActionRow
          key={action.key}
          action={action}
          index={index}
          meta={meta}
          roles={roles}
          errors={errorsUnder(errors, `actions.${index}`)}
          onChange={(next, clear) =>
            onChange(
              actions.map((a) => (a.key === action.key ? next : a)),
              clear.map((path) => (path.startsWith('actions.') ? path : `actions.${index}.${path}`)),
            )
          }
          onRemove={() =>
            onChange(
              actions.filter((a) => a.key !== action.key),
              ['actions'],
            )
          }
          disabled={disabled}
        />
      ))}
      {errors.actions && (
        <Cell full>
          <Typography variant="pi" textColor="danger600">
            {errors.actions}
          </Typography>
        </Cell>
      )}
      {!disabled && (
        <Cell full>
          <Box>
            <Button variant="tertiary" size="S" startIcon={<Plus />} onClick={() => onChange([...actions, newActionValues()], ['actions'])}>
              {t('email-notifications.eventForm.actions.add')}
            </Button>
          </Box>
        </Cell>
      )}
    </FormSection>
  );
};
