/*
 * One recipient of a rule: its kind (address, record field, admin role, the category's subscribers,
 * a developer's resolver) and its value, picked from what the server knows when it can be listed.
 */
import { Box, Grid, IconButton, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import type { AdminRole } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { RECIPIENT_KINDS, type RecipientKind, type RecipientRowValues } from './recipient-values';
import { SuggestField } from './SuggestField';

export interface RecipientChoices {
  /** Record fields that hold addresses (email fields and relations). */
  paths: readonly string[];
  /** Null when the admin may not list roles: the code is typed. */
  roles: readonly AdminRole[] | null;
  resolvers: readonly string[];
  category: string;
  /** The kinds offered; every kind when absent (SMTP event alerts have no record and no resolver). */
  kinds?: readonly RecipientKind[];
}

interface RecipientRowProps {
  row: RecipientRowValues;
  testId: string;
  position: number;
  choices: RecipientChoices;
  error?: string;
  onChange: (row: RecipientRowValues) => void;
  onRemove: () => void;
  disabled: boolean;
}

export const RecipientRow = ({ row, testId, position, choices, error, onChange, onRemove, disabled }: RecipientRowProps) => {
  const t = useT();
  const name = `recipient-${testId}`;
  const set = (value: string) => onChange({ ...row, value });
  const label = t(`email-notifications.ruleForm.recipient.kind.${row.kind}`);

  const valueInput = () => {
    switch (row.kind) {
      case 'subscribers':
        return (
          <Typography textColor="neutral600" data-testid="recipient-subscribers">
            {t('email-notifications.ruleForm.recipient.subscribersHint', { category: choices.category || '—' })}
          </Typography>
        );
      case 'path':
        return (
          <SuggestField
            name={name}
            label={label}
            value={row.value}
            suggestions={choices.paths}
            placeholder="customer.email"
            onChange={set}
            error={error}
            disabled={disabled}
          />
        );
      case 'role':
        return choices.roles ? (
          <SelectField
            name={name}
            label={label}
            value={row.value}
            options={choices.roles.map((role) => ({ value: role.code, label: role.name }))}
            onChange={set}
            error={error}
            disabled={disabled}
          />
        ) : (
          <TextField name={name} label={label} value={row.value} placeholder="strapi-editor" onChange={set} error={error} disabled={disabled} />
        );
      case 'resolver':
        return choices.resolvers.length > 0 ? (
          <SelectField
            name={name}
            label={label}
            value={row.value}
            options={choices.resolvers.map((value) => ({ value, label: value }))}
            onChange={set}
            error={error}
            disabled={disabled}
          />
        ) : (
          <TextField
            name={name}
            label={label}
            value={row.value}
            hint={t('email-notifications.ruleForm.recipient.noResolvers')}
            onChange={set}
            error={error}
            disabled={disabled}
          />
        );
      default:
        return <TextField name={name} label={label} value={row.value} placeholder="rma-team@example.com" onChange={set} error={error} disabled={disabled} />;
    }
  };

  return (
    <Box data-testid={`recipient-${testId}`}>
      <Grid.Root gap={3}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <SelectField
            name={`${name}-kind`}
            label={t('email-notifications.ruleForm.recipient.kind')}
            value={row.kind}
            options={(choices.kinds ?? RECIPIENT_KINDS).map((kind) => ({ value: kind, label: t(`email-notifications.ruleForm.recipient.kind.${kind}`) }))}
            onChange={(kind) => onChange({ ...row, kind, value: '' })}
            disabled={disabled}
          />
        </Grid.Item>
        <Grid.Item col={7} s={12} direction="column" alignItems="stretch" justifyContent="center">
          {valueInput()}
          {row.kind === 'subscribers' && error && (
            <Typography variant="pi" textColor="danger600">
              {error}
            </Typography>
          )}
        </Grid.Item>
        <Grid.Item col={1} s={12} direction="column" alignItems="flex-end" paddingTop={6}>
          {!disabled && (
            <IconButton label={t('email-notifications.ruleForm.recipient.remove', { position })} variant="ghost" onClick={onRemove}>
              <Trash />
            </IconButton>
          )}
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
};
