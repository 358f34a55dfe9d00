/*
 * One mailbox's DKIM keys: each key with its state in the rotation and its TXT record, Switch (a
 * pending key, once published) and Retire (the replaced key), and the form that generates a key or
 * takes a pasted PEM key. Changes go to the server; a refusal shows under the field it names.
 */
import * as React from 'react';
import { Badge, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useDeliverabilityActions } from '../../api/deliverability-queries';
import type { DkimAlgorithm, DkimKeyStatus, Mailbox } from '../../api/mailbox-types';
import { useT, type MessageId } from '../../utils/use-t';
import { ProblemSummary } from '../form/ProblemSummary';
import { useFormProblems } from '../form/use-form-problems';
import { DnsRecordView } from './DnsRecordView';

const STATUS: Record<DkimKeyStatus, { variant: 'success' | 'secondary' | 'warning'; label: MessageId }> = {
  active: { variant: 'success', label: 'email-notifications.deliverability.dkim.status.active' },
  pending: { variant: 'secondary', label: 'email-notifications.deliverability.dkim.status.pending' },
  retiring: { variant: 'warning', label: 'email-notifications.deliverability.dkim.status.retiring' },
};

interface Props {
  mailbox: Mailbox;
  canUpdate: boolean;
  onChanged: () => Promise<unknown>;
}

export const DkimKeyManager = ({ mailbox, canUpdate, onChanged }: Props) => {
  const t = useT();
  const actions = useDeliverabilityActions();
  const problems = useFormProblems();
  const { toggleNotification } = useNotification();
  const domainOfFrom = mailbox.fromAddress.slice(mailbox.fromAddress.lastIndexOf('@') + 1);
  const [domain, setDomain] = React.useState(mailbox.dkim.domain || domainOfFrom);
  const [selector, setSelector] = React.useState('');
  const [algorithm, setAlgorithm] = React.useState<DkimAlgorithm>('rsa');
  const [privateKey, setPrivateKey] = React.useState('');

  const change = async (action: () => Promise<unknown>, done: MessageId) => {
    try {
      await action();
      problems.show([]);
      toggleNotification({ type: 'success', message: t(done, { name: mailbox.name }) });
      setPrivateKey('');
      await onChanged();
    } catch (error) {
      problems.refused(error);
    }
  };
  const add = () => change(() => actions.addDkimKey(mailbox.id, { domain, selector, algorithm, ...(privateKey ? { privateKey } : {}) }), 'email-notifications.deliverability.dkim.added');

  return (
    <Box padding={4} background="neutral100" hasRadius data-testid={`dkim-${mailbox.name}`}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h3">{mailbox.name}</Typography>
        <ProblemSummary problems={problems.list} />
        {mailbox.dkim.keys.length === 0 && <Typography textColor="warning600">{t('email-notifications.deliverability.dkim.none')}</Typography>}
        {mailbox.dkim.keys.map((key) => (
          <Flex key={`${key.domain}-${key.selector}`} direction="column" alignItems="stretch" gap={2} data-testid={`dkim-key-${key.selector}`}>
            <Flex gap={2}>
              <Typography fontWeight="semiBold">{`${key.selector} · ${key.algorithm.toUpperCase()} · ${key.domain}`}</Typography>
              <Badge variant={STATUS[key.status].variant}>{t(STATUS[key.status].label)}</Badge>
              {canUpdate && key.status === 'pending' && (
                <Button size="S" variant="secondary" onClick={() => change(() => actions.switchDkimKey(mailbox.id, key.algorithm), 'email-notifications.deliverability.dkim.switched')}>
                  {t('email-notifications.deliverability.dkim.switch')}
                </Button>
              )}
              {canUpdate && key.status === 'retiring' && (
                <Button size="S" variant="tertiary" onClick={() => change(() => actions.retireDkimKey(mailbox.id, key.algorithm), 'email-notifications.deliverability.dkim.retired')}>
                  {t('email-notifications.deliverability.dkim.retire')}
                </Button>
              )}
            </Flex>
            <DnsRecordView record={key.dnsRecord} />
          </Flex>
        ))}
        {canUpdate && (
          <Flex gap={4} alignItems="flex-start" wrap="wrap">
            <Field.Root name="domain" error={problems.errors.domain} required>
              <Field.Label>{t('email-notifications.deliverability.dkim.domain')}</Field.Label>
              <TextInput value={domain} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDomain(e.target.value)} />
              <Field.Error />
            </Field.Root>
            <Field.Root name="selector" error={problems.errors.selector} hint={t('email-notifications.deliverability.dkim.selector.hint')} required>
              <Field.Label>{t('email-notifications.deliverability.dkim.selector')}</Field.Label>
              <TextInput value={selector} placeholder="mail2026" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSelector(e.target.value)} />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            <Field.Root name="algorithm" error={problems.errors.algorithm}>
              <Field.Label>{t('email-notifications.deliverability.dkim.algorithm')}</Field.Label>
              <SingleSelect value={algorithm} onChange={(value: string | number) => setAlgorithm(value as DkimAlgorithm)}>
                <SingleSelectOption value="rsa">{t('email-notifications.deliverability.dkim.algorithm.rsa')}</SingleSelectOption>
                <SingleSelectOption value="ed25519">{t('email-notifications.deliverability.dkim.algorithm.ed25519')}</SingleSelectOption>
              </SingleSelect>
              <Field.Error />
            </Field.Root>
            <Box width="100%">
              <Field.Root name="privateKey" error={problems.errors.privateKey} hint={t('email-notifications.deliverability.dkim.privateKey.hint')}>
                <Field.Label>{t('email-notifications.deliverability.dkim.privateKey')}</Field.Label>
                <Textarea value={privateKey} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setPrivateKey(e.target.value)} placeholder="-----BEGIN PRIVATE KEY-----" />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Box>
            <Button onClick={add}>{t(privateKey ? 'email-notifications.deliverability.dkim.addPasted' : 'email-notifications.deliverability.dkim.generate')}</Button>
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
