/*
 * The Mail log filters: recipient (typed, applied after a pause), mailbox (a list of the outgoing
 * mailboxes for admins who may read them, else typed), and a from/to day range. Owns no filter state
 * beyond what is being typed: the applied filters live in the URL (useMailLogQuery).
 */
import * as React from 'react';
import { Button, DatePicker, Field, Flex, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useDebounce } from '@strapi/strapi/admin';
import { dateToDay, dayToDate, type MailLogFilters as Filters } from '../../hooks/use-mail-log-query';
import { useT } from '../../utils/use-t';

const TYPING_PAUSE_MS = 400;

interface MailLogFiltersProps {
  filters: Filters;
  onChange: (next: Partial<Filters>) => void;
  onClear: () => void;
  hasFilters: boolean;
  /** Outgoing mailboxes to choose from; undefined when the admin may not read mailboxes. */
  mailboxes: { id: string; name: string }[] | undefined;
}

/** A text filter applied once typing pauses; follows the URL when it changes elsewhere (Clear). */
function TypedFilter({ name, label, value, onApply }: { name: string; label: string; value: string; onApply: (value: string) => void }) {
  const [typed, setTyped] = React.useState(value);
  const settled = useDebounce(typed, TYPING_PAUSE_MS);
  const applyRef = React.useRef(onApply);
  applyRef.current = onApply;
  React.useEffect(() => setTyped(value), [value]);
  React.useEffect(() => {
    if (settled !== value) applyRef.current(settled);
    // Only a settled change of the typed text applies it (not a new URL value, followed above).
  }, [settled]);
  return (
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      <TextInput value={typed} size="S" onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTyped(event.target.value)} autoComplete="off" />
    </Field.Root>
  );
}

export const MailLogFilters = ({ filters, onChange, onClear, hasFilters, mailboxes }: MailLogFiltersProps) => {
  const t = useT();
  const day = (key: 'since' | 'until', label: string) => (
    <Field.Root name={key}>
      <Field.Label>{label}</Field.Label>
      <DatePicker
        size="S"
        value={dayToDate(filters[key])}
        onChange={(date) => onChange({ [key]: date ? dateToDay(date) : '' })}
        onClear={() => onChange({ [key]: '' })}
        clearLabel={t('email-notifications.mailLog.filter.clearDate')}
      />
    </Field.Root>
  );

  return (
    <Flex gap={3} alignItems="flex-end" wrap="wrap">
      <TypedFilter
        name="recipient"
        label={t('email-notifications.mailLog.filter.recipient')}
        value={filters.recipient}
        onApply={(recipient) => onChange({ recipient })}
      />
      {mailboxes ? (
        <Field.Root name="mailbox">
          <Field.Label>{t('email-notifications.mailLog.filter.mailbox')}</Field.Label>
          <SingleSelect
            size="S"
            value={filters.mailbox || null}
            placeholder={t('email-notifications.mailLog.filter.anyMailbox')}
            onChange={(value) => onChange({ mailbox: String(value) })}
            onClear={filters.mailbox ? () => onChange({ mailbox: '' }) : undefined}
            clearLabel={t('email-notifications.mailLog.filter.clearMailbox')}
          >
            {mailboxes.map((mailbox) => (
              <SingleSelectOption key={mailbox.id} value={mailbox.id}>
                {mailbox.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      ) : (
        <TypedFilter
          name="mailbox"
          label={t('email-notifications.mailLog.filter.mailbox')}
          value={filters.mailbox}
          onApply={(mailbox) => onChange({ mailbox })}
        />
      )}
      {day('since', t('email-notifications.mailLog.filter.since'))}
      {day('until', t('email-notifications.mailLog.filter.until'))}
      {hasFilters && (
        <Button variant="tertiary" size="S" startIcon={<Cross />} onClick={onClear}>
          {t('email-notifications.mailLog.filter.clear')}
        </Button>
      )}
    </Flex>
  );
};
