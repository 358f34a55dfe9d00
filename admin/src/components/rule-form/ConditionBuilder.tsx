/*
 * The "Conditions" card: "all" or "any" of field-op-value rows, added and removed; or, with
 * "Advanced (JSON)", the whole condition tree as JSON (for `not` and nested groups). Errors appear on
 * their row (`conditions.all.0.field`) or under the JSON; values and errors belong to RuleEditor.
 */
import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import type { Condition } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import { CodeField } from '../form/CodeField';
import { SelectField } from '../form/SelectField';
import { ToggleField } from '../form/ToggleField';
import { Cell, FormSection } from '../form/FormSection';
import { errorAt, type FieldErrors } from '../form/field-errors';
import { fromBuilder, newConditionRow, opsFor, toBuilder, type BuilderConditions, type Combinator } from './condition-values';
import { ConditionRow } from './ConditionRow';
import type { RuleFormUpdate } from './GeneralSection';
import type { RuleFormValues } from './rule-values';
import type { RuleField } from './use-rule-fields';

interface ConditionBuilderProps {
  values: RuleFormValues;
  fields: readonly RuleField[];
  types: ReadonlyMap<string, string>;
  errors: FieldErrors;
  onChange: RuleFormUpdate;
  disabled: boolean;
}

export const ConditionBuilder = ({ values, fields, types, errors, onChange, disabled }: ConditionBuilderProps) => {
  const t = useT();
  const [jsonProblem, setJsonProblem] = React.useState<string | null>(null);
  const builder = values.builder;
  const ops = opsFor(values.trigger.type);
  const fieldNames = fields.map((field) => field.path);

  const setBuilder = (next: BuilderConditions) => onChange({ builder: next }, ['conditions']);

  const switchMode = (json: boolean) => {
    setJsonProblem(null);
    if (json && builder) return onChange({ builder: null, conditionsJson: JSON.stringify(fromBuilder(builder, types), null, 2) }, []);
    if (json) return;
    let tree: Condition;
    try {
      tree = JSON.parse(values.conditionsJson) as Condition;
    } catch {
      return setJsonProblem(t('email-notifications.ruleForm.conditions.jsonInvalid'));
    }
    const next = tree && typeof tree === 'object' ? toBuilder(tree) : null;
    if (next) onChange({ builder: next }, ['conditions']);
    else setJsonProblem(t('email-notifications.ruleForm.conditions.tooComplex'));
  };

  return (
    <FormSection title={t('email-notifications.ruleForm.section.conditions')} description={t('email-notifications.ruleForm.section.conditions.description')}>
      <Cell>
        <ToggleField
          name="conditions.json"
          label={t('email-notifications.ruleForm.conditions.advanced')}
          checked={builder === null}
          onChange={switchMode}
          onLabel={t('email-notifications.toggle.on')}
          offLabel={t('email-notifications.toggle.off')}
          error={jsonProblem ?? undefined}
          disabled={disabled}
        />
      </Cell>
      {builder ? (
        <>
          <Cell>
            <SelectField
              name="conditions.combinator"
              label={t('email-notifications.ruleForm.conditions.combinator')}
              value={builder.combinator}
              options={(['all', 'any'] as Combinator[]).map((value) => ({ value, label: t(`email-notifications.ruleForm.conditions.combinator.${value}`) }))}
              onChange={(combinator) => setBuilder({ ...builder, combinator })}
              disabled={disabled}
            />
          </Cell>
          <Cell full>
            <Flex direction="column" alignItems="stretch" gap={2}>
              {builder.rows.length === 0 && <Typography textColor="neutral600">{t('email-notifications.ruleForm.conditions.none')}</Typography>}
              {builder.rows.map((row, index) => (
                <ConditionRow
                  key={row.key}
                  row={row}
                  index={index}
                  path={`conditions.${builder.combinator}.${index}`}
                  ops={ops}
                  fieldNames={fieldNames}
                  errors={errors}
                  onChange={(next) =>
                    onChange({ builder: { ...builder, rows: builder.rows.map((r) => (r.key === row.key ? next : r)) } }, [
                      `conditions.${builder.combinator}.${index}`,
                    ])
                  }
                  onRemove={() => setBuilder({ ...builder, rows: builder.rows.filter((r) => r.key !== row.key) })}
                  disabled={disabled}
                />
              ))}
              {errors.conditions && (
                <Typography variant="pi" textColor="danger600">
                  {errors.conditions}
                </Typography>
              )}
              {!disabled && (
                <Flex>
                  <Button variant="secondary" startIcon={<Plus />} onClick={() => setBuilder({ ...builder, rows: [...builder.rows, newConditionRow()] })}>
                    {t('email-notifications.ruleForm.conditions.add')}
                  </Button>
                </Flex>
              )}
            </Flex>
          </Cell>
        </>
      ) : (
        <Cell full>
          <CodeField
            name="conditions"
            label={t('email-notifications.ruleForm.conditions.json')}
            hint={t('email-notifications.ruleForm.conditions.json.hint')}
            value={values.conditionsJson}
            rows={10}
            onChange={(conditionsJson) => onChange({ conditionsJson }, ['conditions'])}
            error={errorAt(errors, 'conditions')}
            disabled={disabled}
          />
        </Cell>
      )}
    </FormSection>
  );
};
