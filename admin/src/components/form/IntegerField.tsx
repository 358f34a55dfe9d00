/*
 * A labelled whole-number input. A native number input rather than the design system's NumberInput,
 * which formats with grouping separators ("2,525"): wrong for ports. Range checks are the server's.
 */
import { Field, TextInput } from '@strapi/design-system';

export interface IntegerFieldProps {
  name: string;
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}

export const IntegerField = ({ name, label, value, onChange, error, hint, required, disabled }: IntegerFieldProps) => (
  <Field.Root name={name} error={error} hint={hint} required={required}>
    <Field.Label>{label}</Field.Label>
    <TextInput
      type="number"
      step={1}
      inputMode="numeric"
      value={value === undefined ? '' : String(value)}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
        const text = event.target.value.trim();
        onChange(text === '' || Number.isNaN(Number(text)) ? undefined : Number(text));
      }}
      disabled={disabled}
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
