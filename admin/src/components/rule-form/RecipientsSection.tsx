/*
 * The "Recipients" card: the To, Cc and Bcc lists of a rule, each a list of RecipientRow with add and
 * remove. Errors sit on their row (`recipients.to.1.path`) or under the list / the card.
 */
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { RECIPIENT_LISTS, type RecipientList } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../form/FormSection';
import { errorAt, type FieldErrors } from '../form/field-errors';
import { newRecipientRow, type RecipientRows } from './recipient-values';
import { RecipientRow, type RecipientChoices } from './RecipientRow';

interface RecipientsSectionProps {
  recipients: RecipientRows;
  choices: RecipientChoices;
  errors: FieldErrors;
  onChange: (recipients: RecipientRows, clear: string[]) => void;
  disabled: boolean;
  /** The card's description; the rule form's (record fields, resolvers) when absent. */
  description?: string;
}

export const RecipientsSection = ({ recipients, choices, errors, onChange, disabled, description }: RecipientsSectionProps) => {
  const t = useT();
  const setList = (list: RecipientList, rows: RecipientRows[RecipientList], clear: string) => onChange({ ...recipients, [list]: rows }, clear ? [clear] : []);

  return (
    <FormSection title={t('email-notifications.ruleForm.section.recipients')} description={description ?? t('email-notifications.ruleForm.section.recipients.description')}>
      {RECIPIENT_LISTS.map((list) => {
        const listError = errors[`recipients.${list}`];
        const listTitle = t(`email-notifications.ruleForm.recipients.${list}`);
        return (
          <Cell full key={list}>
            <Flex direction="column" alignItems="stretch" gap={2} data-testid={`recipients-${list}`}>
              <Typography variant="sigma" textColor="neutral600" tag="h3">
                {listTitle}
              </Typography>
              {recipients[list].length === 0 && (
                <Typography variant="pi" textColor="neutral500">
                  {t('email-notifications.ruleForm.recipients.empty')}
                </Typography>
              )}
              {recipients[list].map((row, index) => (
                <RecipientRow
                  key={row.key}
                  row={row}
                  testId={`${list}-${index}`}
                  position={index + 1}
                  choices={choices}
                  error={errorAt(errors, `recipients.${list}.${index}`)}
                  onChange={(next) =>
                    setList(
                      list,
                      recipients[list].map((r) => (r.key === row.key ? next : r)),
                      `recipients.${list}.${index}`,
                    )
                  }
                  onRemove={() =>
                    setList(
                      list,
                      recipients[list].filter((r) => r.key !== row.key),
                      `recipients.${list}`,
                    )
                  }
                  disabled={disabled}
                />
              ))}
              {listError && (
                <Typography variant="pi" textColor="danger600">
                  {listError}
                </Typography>
              )}
              {!disabled && (
                <Box>
                  <Button variant="tertiary" size="S" startIcon={<Plus />} onClick={() => setList(list, [...recipients[list], newRecipientRow()], '')}>
                    {t('email-notifications.ruleForm.recipients.add', { list: listTitle })}
                  </Button>
                </Box>
              )}
            </Flex>
          </Cell>
        );
      })}
      {errors.recipients && (
        <Cell full>
          <Typography variant="pi" textColor="danger600">
            {errors.recipients}
          </Typography>
        </Cell>
      )}
    </FormSection>
  );
};
