/*
 * A labelled monospace text area for source text (MJML, text part, lists) with hint and every server
 * message for it, one per line, under the editor. Forwards its ref so variables can be inserted at the cursor.
 */
import * as React from 'react';
import { Box, Field, Textarea } from '@strapi/design-system';

export interface CodeFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onFocus?: () => void;
  /** Messages joined by new lines, shown one per line. */
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  rows?: number;
  placeholder?: string;
}

const MONOSPACE: React.CSSProperties = {
  fontFamily: "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace",
  fontSize: '1.3rem',
  lineHeight: 1.5,
  whiteSpace: 'pre',
  overflowX: 'auto',
  tabSize: 2,
};

export const CodeField = React.forwardRef<HTMLTextAreaElement, CodeFieldProps>(
  ({ name, label, value, onChange, onFocus, error, hint, required, disabled, rows = 16, placeholder }, ref) => (
    <Field.Root name={name} error={error} hint={hint} required={required}>
      <Field.Label>{label}</Field.Label>
      <Textarea
        ref={ref}
        value={value}
        rows={rows}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        onFocus={onFocus}
        disabled={disabled}
        style={MONOSPACE}
      />
      <Field.Hint />
      <Box style={{ whiteSpace: 'pre-line' }}>
        <Field.Error />
      </Box>
    </Field.Root>
  ),
);
CodeField.displayName = 'CodeField';
