/*
 * A labelled text input with hint and error, in the design system's Field grammar.
 * Presentational only: the value and the error come from the form that owns them.
 */
import { Field, TextInput } from '@strapi/design-system';

export interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  type?: 'text' | 'email' | 'password' | 'url';
  autoComplete?: string;
}

export const TextField = ({ name, label, value, onChange, error, hint, required, disabled, placeholder, type = 'text', autoComplete }: TextFieldProps) => (
  <Field.Root name={name} error={error} hint={hint} required={required}>
    <Field.Label>{label}</Field.Label>
    <TextInput
      type={type}
      value={value}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
      disabled={disabled}
      placeholder={placeholder}
      autoComplete={autoComplete ?? 'off'}
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
