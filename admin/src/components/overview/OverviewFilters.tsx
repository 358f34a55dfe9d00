/*
 * The Overview's filters: one outgoing mailbox and one task group, chosen from the lists the stats
 * answer carries (so an admin who may only read the mail log can filter too). Owns no state: the
 * applied filters live in the URL (useOverviewFilters).
 */
import { Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { OverviewFilters as Filters } from '../../hooks/use-overview-filters';
import { useT } from '../../utils/use-t';

interface OverviewFiltersProps {
  filters: Filters;
  onChange: (next: Partial<Filters>) => void;
  mailboxes: { id: string; name: string }[];
  taskGroups: string[];
}

export const OverviewFilters = ({ filters, onChange, mailboxes, taskGroups }: OverviewFiltersProps) => {
  const t = useT();
  return (
    <Flex gap={3} alignItems="flex-end" wrap="wrap">
      <Field.Root name="overview-mailbox">
        <Field.Label>{t('email-notifications.overview.filter.mailbox')}</Field.Label>
        <SingleSelect
          size="S"
          value={filters.mailbox || null}
          placeholder={t('email-notifications.overview.filter.anyMailbox')}
          onChange={(value) => onChange({ mailbox: String(value) })}
          onClear={filters.mailbox ? () => onChange({ mailbox: '' }) : undefined}
          clearLabel={t('email-notifications.overview.filter.clearMailbox')}
        >
          {mailboxes.map((mailbox) => (
            <SingleSelectOption key={mailbox.id} value={mailbox.id}>
              {mailbox.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Field.Root name="overview-task-group">
        <Field.Label>{t('email-notifications.overview.filter.taskGroup')}</Field.Label>
        <SingleSelect
          size="S"
          value={filters.taskGroup || null}
          placeholder={t('email-notifications.overview.filter.anyTaskGroup')}
          onChange={(value) => onChange({ taskGroup: String(value) })}
          onClear={filters.taskGroup ? () => onChange({ taskGroup: '' }) : undefined}
          clearLabel={t('email-notifications.overview.filter.clearTaskGroup')}
        >
          {taskGroups.map((name) => (
            <SingleSelectOption key={name} value={name}>
              {name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    </Flex>
  );
};
