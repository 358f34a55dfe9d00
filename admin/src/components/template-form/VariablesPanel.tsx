/*
 * The editor's side panel: the variables a template of this category and content type may use (a
 * click inserts the snippet where the cursor was; lists as {{#each}} blocks), filterable, and the
 * fields it may not use with the reason. Presentational: data from the variables endpoint.
 */
import * as React from 'react';
import { Box, Flex, TextInput, Typography } from '@strapi/design-system';
import { Search } from '@strapi/icons';
import { styled } from 'styled-components';
import type { TemplateVariables } from '../../api/template-types';
import { useT } from '../../utils/use-t';
import { variableSnippet } from '../../utils/variable-snippet';

const List = styled.ul`
  max-height: 52rem;
  overflow-y: auto;
  margin: 0;
  padding: 0;
  list-style: none;
`;

const VariableButton = styled.button`
  display: block;
  width: 100%;
  text-align: left;
  padding: ${({ theme }) => `${theme.spaces[2]} ${theme.spaces[2]}`};
  border: none;
  border-radius: ${({ theme }) => theme.borderRadius};
  background: transparent;
  cursor: pointer;
  &:hover:not(:disabled),
  &:focus-visible {
    background: ${({ theme }) => theme.colors.primary100};
  }
  &:disabled {
    cursor: default;
  }
`;

const Code = styled.code`
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.2rem;
  color: ${({ theme }) => theme.colors.neutral800};
  overflow-wrap: anywhere;
`;

/** Variables every template has: listed after the ones of its category (record, changes, alert…). */
const COMMON_ROOTS = new Set(['site', 'now', 'recipient', 'rule', 'layout']);
const isCommon = (path: string) => COMMON_ROOTS.has(path.split(/[.[]/)[0]!);

interface VariablesPanelProps {
  data: TemplateVariables | undefined;
  isLoading: boolean;
  onInsert: (snippet: string) => void;
  disabled: boolean;
}

export const VariablesPanel = ({ data, isLoading, onInsert, disabled }: VariablesPanelProps) => {
  const t = useT();
  const [filter, setFilter] = React.useState('');
  const needle = filter.trim().toLowerCase();
  const variables = (data?.variables ?? [])
    .filter((v) => !needle || v.path.toLowerCase().includes(needle))
    .sort((a, b) => Number(isCommon(a.path)) - Number(isCommon(b.path)));

  return (
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={5} data-testid="template-variables">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="delta" tag="h2">
            {t('email-notifications.templateForm.variables.title')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {t(disabled ? 'email-notifications.templateForm.variables.readOnly' : 'email-notifications.templateForm.variables.description')}
          </Typography>
        </Flex>
        <TextInput
          aria-label={t('email-notifications.templateForm.variables.filter')}
          placeholder={t('email-notifications.templateForm.variables.filter')}
          startAction={<Search />}
          value={filter}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setFilter(event.target.value)}
          size="S"
        />
        {isLoading && !data && <Typography textColor="neutral600">{t('email-notifications.templateForm.variables.loading')}</Typography>}
        <List>
          {variables.map((variable) => {
            const snippet = variableSnippet(variable);
            return (
              <li key={variable.path}>
                <VariableButton
                  type="button"
                  disabled={disabled}
                  onClick={() => onInsert(snippet)}
                  aria-label={t('email-notifications.templateForm.variables.insert', { snippet })}
                >
                  <Code>{snippet}</Code>
                  <Typography tag="div" variant="pi" textColor="neutral600">
                    {[variable.type, variable.description].filter(Boolean).join(' · ')}
                  </Typography>
                </VariableButton>
              </li>
            );
          })}
        </List>
        {data && data.refused.length > 0 && (
          <Flex direction="column" alignItems="stretch" gap={2} data-testid="template-refused-fields">
            <Typography variant="sigma" textColor="neutral600" tag="h3">
              {t('email-notifications.templateForm.refused.title')}
            </Typography>
            {data.refused.map(({ field, reason }) => (
              <Box key={field}>
                <Code>{field}</Code>
                <Typography tag="div" variant="pi" textColor="neutral600">
                  {reason}
                </Typography>
              </Box>
            ))}
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
