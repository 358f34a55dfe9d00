/*
 * The ordered mailbox list of a task group: pick outgoing mailboxes, move them up or down, remove
 * them. Server errors sit under the list (`mailboxes`) or under the row they name (`mailboxes.1`).
 */
import { Box, Field, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Cross } from '@strapi/icons';
import type { MailboxSummary } from '../../api/mailbox-types';
import { mailboxLabel } from '../../utils/mailbox-label';
import { useT } from '../../utils/use-t';
import type { FieldErrors } from '../form/field-errors';
import { moveItem } from './task-group-values';

interface MailboxOrderFieldProps {
  ids: string[];
  mailboxes: readonly MailboxSummary[];
  errors: FieldErrors;
  onChange: (ids: string[]) => void;
  disabled: boolean;
}

export const MailboxOrderField = ({ ids, mailboxes, errors, onChange, disabled }: MailboxOrderFieldProps) => {
  const t = useT();
  const addable = mailboxes.filter((mailbox) => mailbox.direction === 'out' && !ids.includes(mailbox.id));

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {ids.length === 0 ? (
        <Typography textColor="neutral600">{t('email-notifications.taskGroupForm.mailboxes.none')}</Typography>
      ) : (
        <Box tag="ol" aria-label={t('email-notifications.taskGroupForm.mailboxes.list')} data-testid="task-group-mailboxes">
          {ids.map((id, index) => {
            const name = mailboxLabel(id, mailboxes, t);
            const error = errors[`mailboxes.${index}`];
            return (
              <Box tag="li" key={id} paddingTop={2} paddingBottom={2} borderColor="neutral150" borderStyle="solid" borderWidth="0 0 1px 0">
                <Flex justifyContent="space-between" gap={4}>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography fontWeight="semiBold" textColor="neutral800" data-testid="task-group-member">
                      {`${t('email-notifications.taskGroupForm.mailboxes.position', { position: index + 1 })} ${name}`}
                    </Typography>
                    {error && (
                      <Typography variant="pi" textColor="danger600" data-testid={`mailbox-error-${index}`}>
                        {error}
                      </Typography>
                    )}
                  </Flex>
                  {!disabled && (
                    <Flex gap={1}>
                      <IconButton
                        label={t('email-notifications.taskGroupForm.mailboxes.moveUp', { name })}
                        variant="ghost"
                        disabled={index === 0}
                        onClick={() => onChange(moveItem(ids, index, -1))}
                      >
                        <ArrowUp />
                      </IconButton>
                      <IconButton
                        label={t('email-notifications.taskGroupForm.mailboxes.moveDown', { name })}
                        variant="ghost"
                        disabled={index === ids.length - 1}
                        onClick={() => onChange(moveItem(ids, index, 1))}
                      >
                        <ArrowDown />
                      </IconButton>
                      <IconButton
                        label={t('email-notifications.taskGroupForm.mailboxes.remove', { name })}
                        variant="ghost"
                        onClick={() => onChange(ids.filter((other) => other !== id))}
                      >
                        <Cross />
                      </IconButton>
                    </Flex>
                  )}
                </Flex>
              </Box>
            );
          })}
        </Box>
      )}
      {!disabled && (
        <Field.Root
          name="mailboxes"
          error={errors.mailboxes}
          hint={addable.length === 0 ? t('email-notifications.taskGroupForm.mailboxes.allAdded') : undefined}
        >
          <Field.Label>{t('email-notifications.taskGroupForm.mailboxes.add')}</Field.Label>
          <SingleSelect
            value=""
            placeholder={t('email-notifications.taskGroupForm.mailboxes.addPlaceholder')}
            onChange={(id) => onChange([...ids, String(id)])}
            disabled={addable.length === 0}
          >
            {addable.map((mailbox) => (
              <SingleSelectOption key={mailbox.id} value={mailbox.id}>
                {mailbox.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      )}
    </Flex>
  );
};
