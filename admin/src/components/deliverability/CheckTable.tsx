/*
 * The verdicts of a DNS check: one row per check with its status, what DNS holds and the fix in plain
 * words (copyable: it carries the exact record). Presentational.
 */
import { Badge, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { Check, CheckStatus, DomainReport } from '../../api/deliverability-types';
import { useT, type MessageId } from '../../utils/use-t';
import { CopyText } from './DnsRecordView';

const STATUS: Record<CheckStatus, { variant: 'success' | 'warning' | 'danger'; label: MessageId }> = {
  pass: { variant: 'success', label: 'email-notifications.deliverability.status.pass' },
  warn: { variant: 'warning', label: 'email-notifications.deliverability.status.warn' },
  fail: { variant: 'danger', label: 'email-notifications.deliverability.status.fail' },
};

const NAMES: Record<Check['name'], MessageId> = {
  mx: 'email-notifications.deliverability.check.mx',
  spf: 'email-notifications.deliverability.check.spf',
  'spf-host': 'email-notifications.deliverability.check.spfHost',
  dkim: 'email-notifications.deliverability.check.dkim',
  dmarc: 'email-notifications.deliverability.check.dmarc',
  alignment: 'email-notifications.deliverability.check.alignment',
  'mta-sts': 'email-notifications.deliverability.check.mtaSts',
  'tls-rpt': 'email-notifications.deliverability.check.tlsRpt',
};

export const CheckTable = ({ report }: { report: DomainReport }) => {
  const t = useT();
  return (
    <Table colCount={4} rowCount={report.checks.length + 1} data-testid="check-table">
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('email-notifications.deliverability.column.check')}</Typography></Th>
          <Th><Typography variant="sigma">{t('email-notifications.deliverability.column.status')}</Typography></Th>
          <Th><Typography variant="sigma">{t('email-notifications.deliverability.column.found')}</Typography></Th>
          <Th><Typography variant="sigma">{t('email-notifications.deliverability.column.fix')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {report.checks.map((check, index) => (
          <Tr key={`${check.name}-${index}`} data-check={check.name} data-status={check.status}>
            <Td>
              <Typography fontWeight="semiBold">{t(NAMES[check.name])}</Typography>
              {check.optional && <Typography variant="pi" textColor="neutral600">{` ${t('email-notifications.deliverability.optional')}`}</Typography>}
            </Td>
            <Td><Badge variant={STATUS[check.status].variant}>{t(STATUS[check.status].label)}</Badge></Td>
            <Td style={{ maxWidth: '24rem', whiteSpace: 'normal', wordBreak: 'break-all' }}>
              <Typography variant="pi">{check.found ?? '—'}</Typography>
            </Td>
            <Td style={{ maxWidth: '40rem', whiteSpace: 'normal' }}>
              {check.fix ? <CopyText text={check.fix} label={t('email-notifications.deliverability.copyFix')} /> : <Typography variant="pi">—</Typography>}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
