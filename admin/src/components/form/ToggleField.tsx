/*
 * A labelled on/off switch (design system Toggle) with hint and error, in the design system's Field
 * grammar. Presentational only: the value and the error come from the form that owns them.
 */
import { Field, Toggle } from '@strapi/design-system';

export interface ToggleFieldProps {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  onLabel: string;
  offLabel: string;
  error?: string;
  hint?: string;
  disabled?: boolean;
}

export const ToggleField = ({ name, label, checked, onChange, onLabel, offLabel, error, hint, disabled }: ToggleFieldProps) => (
  <Field.Root name={name} error={error} hint={hint}>
    <Field.Label>{label}</Field.Label>
    <Toggle
      checked={checked}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.checked)}
      onLabel={onLabel}
      offLabel={offLabel}
      disabled={disabled}
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
