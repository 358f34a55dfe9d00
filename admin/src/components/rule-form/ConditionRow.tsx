/*
 * One row of the condition builder: the record field (typed, with the content type's fields offered),
 * the operator and the value (none for isEmpty/isNotEmpty/changed). Errors come by the row's server path.
 */
import { Box, Grid, IconButton, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { VALUELESS_OPS, type ConditionOp } from '../../api/rule-types';
import { useT, type MessageId } from '../../utils/use-t';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { errorAt, type FieldErrors } from '../form/field-errors';
import type { ConditionRowValues } from './condition-values';
import { SuggestField } from './SuggestField';

const VALUE_HINTS: Partial<Record<ConditionOp, MessageId>> = {
  in: 'email-notifications.ruleForm.condition.value.hint.list',
  notIn: 'email-notifications.ruleForm.condition.value.hint.list',
  olderThan: 'email-notifications.ruleForm.condition.value.hint.hours',
  withinLast: 'email-notifications.ruleForm.condition.value.hint.hours',
  changedFrom: 'email-notifications.ruleForm.condition.value.hint.nullable',
  changedTo: 'email-notifications.ruleForm.condition.value.hint.nullable',
};

interface ConditionRowProps {
  row: ConditionRowValues;
  index: number;
  /** Server path of the row, like `conditions.all.0`. */
  path: string;
  ops: readonly ConditionOp[];
  fieldNames: readonly string[];
  errors: FieldErrors;
  onChange: (row: ConditionRowValues) => void;
  onRemove: () => void;
  disabled: boolean;
}

export const ConditionRow = ({ row, index, path, ops, fieldNames, errors, onChange, onRemove, disabled }: ConditionRowProps) => {
  const t = useT();
  const hint = VALUE_HINTS[row.op];
  return (
    <Box data-testid={`condition-row-${index}`} paddingBottom={2}>
      <Grid.Root gap={3}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <SuggestField
            name={`${path}.field`}
            label={t('email-notifications.ruleForm.condition.field')}
            value={row.field}
            suggestions={fieldNames}
            placeholder="stage"
            onChange={(field) => onChange({ ...row, field })}
            error={errors[`${path}.field`]}
            disabled={disabled}
          />
        </Grid.Item>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <SelectField
            name={`${path}.op`}
            label={t('email-notifications.ruleForm.condition.op')}
            value={row.op}
            options={ops.map((op) => ({ value: op, label: t(`email-notifications.ruleForm.op.${op}`) }))}
            onChange={(op) => onChange({ ...row, op, value: VALUELESS_OPS.includes(op) ? '' : row.value })}
            error={errors[`${path}.op`]}
            disabled={disabled}
          />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {!VALUELESS_OPS.includes(row.op) && (
            <TextField
              name={`${path}.value`}
              label={t('email-notifications.ruleForm.condition.value')}
              hint={hint ? t(hint) : undefined}
              value={row.value}
              onChange={(value) => onChange({ ...row, value })}
              error={errorAt(errors, `${path}.value`)}
              disabled={disabled}
            />
          )}
        </Grid.Item>
        <Grid.Item col={1} s={12} direction="column" alignItems="flex-end" paddingTop={6}>
          {!disabled && (
            <IconButton label={t('email-notifications.ruleForm.condition.remove', { position: index + 1 })} variant="ghost" onClick={onRemove}>
              <Trash />
            </IconButton>
          )}
        </Grid.Item>
      </Grid.Root>
      {errors[path] && (
        <Typography variant="pi" textColor="danger600">
          {errors[path]}
        </Typography>
      )}
    </Box>
  );
};
