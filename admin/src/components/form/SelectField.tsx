/*
 * A labelled single choice from a fixed list of options (values are the API's enum strings).
 * Presentational only.
 */
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

export interface SelectFieldProps<V extends string> {
  name: string;
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
}

export const SelectField = <V extends string>({ name, label, value, options, onChange, error, hint, disabled }: SelectFieldProps<V>) => (
  <Field.Root name={name} error={error} hint={hint}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect value={value} onChange={(next) => onChange(String(next) as V)} disabled={disabled}>
      {options.map((option) => (
        <SingleSelectOption key={option.value} value={option.value}>
          {option.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
