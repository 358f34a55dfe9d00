/*
 * The checker: a domain typed in, or an outgoing mailbox chosen (its From domain, SMTP host and DKIM
 * keys), checked by the server against DNS; the verdicts with their fixes below. Refused input shows
 * under the field.
 */
import * as React from 'react';
import { Button, Field, Flex, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { useDeliverabilityActions } from '../../api/deliverability-queries';
import type { DomainReport } from '../../api/deliverability-types';
import type { Mailbox } from '../../api/mailbox-types';
import { useT } from '../../utils/use-t';
import { useFormProblems } from '../form/use-form-problems';
import { CheckTable } from './CheckTable';

export const DomainChecker = ({ mailboxes }: { mailboxes: Mailbox[] }) => {
  const t = useT();
  const actions = useDeliverabilityActions();
  const problems = useFormProblems();
  const [domain, setDomain] = React.useState('');
  const [mailboxId, setMailboxId] = React.useState<string>('');
  const [report, setReport] = React.useState<DomainReport | null>(null);
  const [busy, setBusy] = React.useState(false);

  const run = async (check: () => Promise<DomainReport>) => {
    setBusy(true);
    try {
      setReport(await check());
      problems.show([]);
    } catch (error) {
      problems.refused(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Field.Root name="domain" error={problems.errors.domain}>
          <Field.Label>{t('email-notifications.deliverability.checker.domain')}</Field.Label>
          <TextInput value={domain} placeholder="example.com" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDomain(e.target.value)} />
          <Field.Error />
        </Field.Root>
        <Button loading={busy} onClick={() => run(() => actions.checkDomain(domain))}>
          {t('email-notifications.deliverability.checker.checkDomain')}
        </Button>
        <Field.Root name="mailbox">
          <Field.Label>{t('email-notifications.deliverability.checker.mailbox')}</Field.Label>
          <SingleSelect value={mailboxId} onChange={(value: string | number) => setMailboxId(String(value))} placeholder={t('email-notifications.deliverability.checker.chooseMailbox')}>
            {mailboxes.map((m) => (
              <SingleSelectOption key={m.id} value={m.id}>
                {m.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Button variant="secondary" disabled={!mailboxId} loading={busy} onClick={() => run(() => actions.checkMailbox(mailboxId))}>
          {t('email-notifications.deliverability.checker.checkMailbox')}
        </Button>
      </Flex>
      {report && <CheckTable report={report} />}
    </Flex>
  );
};
