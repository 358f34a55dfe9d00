/*
 * A DNS record to publish: its name and value in monospace, each with a Copy button (the value of a
 * DKIM key is long and must be pasted exactly). Presentational.
 */
import { Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { styled } from 'styled-components';
import type { DnsRecord } from '../../api/mailbox-types';
import { useT } from '../../utils/use-t';

const Mono = styled.code`
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.2rem;
  word-break: break-all;
  white-space: pre-wrap;
`;

export const CopyText = ({ text, label }: { text: string; label: string }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const copy = async () => {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    toggleNotification({ type: 'info', message: t('email-notifications.deliverability.copied') });
  };
  return (
    <Flex gap={2} alignItems="flex-start">
      <Box flex="1" padding={2} background="neutral100" hasRadius>
        <Mono>{text}</Mono>
      </Box>
      <IconButton label={label} onClick={copy} variant="ghost">
        <Duplicate />
      </IconButton>
    </Flex>
  );
};

export const DnsRecordView = ({ record, type = 'TXT' }: { record: DnsRecord; type?: string }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid="dns-record">
      <Typography variant="pi" textColor="neutral600">
        {t('email-notifications.deliverability.record.name', { type })}
      </Typography>
      <CopyText text={record.name} label={t('email-notifications.deliverability.copyName')} />
      <Typography variant="pi" textColor="neutral600">
        {t('email-notifications.deliverability.record.value')}
      </Typography>
      <CopyText text={record.value} label={t('email-notifications.deliverability.copyValue')} />
    </Flex>
  );
};
