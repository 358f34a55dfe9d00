/*
 * A labelled text input that suggests values (the browser's datalist) but accepts any text: record
 * fields of the rule's content type, role codes. Presentational only.
 */
import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';

export interface SuggestFieldProps {
  name: string;
  label: string;
  value: string;
  suggestions: readonly string[];
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
}

export const SuggestField = ({ name, label, value, suggestions, onChange, error, hint, placeholder, required, disabled }: SuggestFieldProps) => {
  const listId = `${React.useId()}-suggestions`;
  return (
    <Field.Root name={name} error={error} hint={hint} required={required}>
      <Field.Label>{label}</Field.Label>
      <TextInput
        value={value}
        list={suggestions.length > 0 ? listId : undefined}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        placeholder={placeholder}
        disabled={disabled}
        autoComplete="off"
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
