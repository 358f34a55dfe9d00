/*
 * Body of the probe result: a success or failure banner with the plain-language explanation, the
 * technical details (field at fault, codes, server response, accepted/rejected) and the transcript.
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import { CheckCircle, CrossCircle } from '@strapi/icons';
import type { FaultyField, TestEmailResult } from '../../api/mailbox-types';
import type { ProbeKind } from '../../hooks/use-mailbox-probe';
import { useT, type MessageId } from '../../utils/use-t';
import { Transcript } from './Transcript';

const FIELD_LABELS: Record<FaultyField, MessageId> = {
  host: 'email-notifications.form.host.label',
  port: 'email-notifications.form.port.label',
  security: 'email-notifications.form.security.label',
  tlsRejectUnauthorized: 'email-notifications.form.tlsRejectUnauthorized.label',
  authType: 'email-notifications.form.authType.label',
  authUser: 'email-notifications.form.authUser.label',
  password: 'email-notifications.form.password.label',
  fromAddress: 'email-notifications.form.fromAddress.label',
  to: 'email-notifications.testEmail.to.label',
};

interface ProbeResultViewProps {
  kind: ProbeKind;
  to?: string;
  result: TestEmailResult;
}

export const ProbeResultView = ({ kind, to, result }: ProbeResultViewProps) => {
  const t = useT();
  const { error } = result;
  const details: [MessageId, string | number | null | undefined][] = [
    ['email-notifications.probe.fieldAtFault', error?.field ? t(FIELD_LABELS[error.field]) : null],
    ['email-notifications.probe.code', error?.code],
    ['email-notifications.probe.responseCode', error?.responseCode],
    ['email-notifications.probe.command', error?.command],
    ['email-notifications.probe.response', error?.response ?? result.response],
    ['email-notifications.probe.message', error?.message],
    ['email-notifications.probe.messageId', result.messageId],
    ['email-notifications.probe.accepted', result.accepted?.join(', ')],
    ['email-notifications.probe.rejected', result.rejected?.join(', ')],
  ];
  const headline: MessageId = result.ok
    ? kind === 'check'
      ? 'email-notifications.probe.checkOk'
      : 'email-notifications.probe.testOk'
    : kind === 'check'
      ? 'email-notifications.probe.checkFailed'
      : 'email-notifications.probe.testFailed';

  return (
    <Flex direction="column" alignItems="stretch" gap={5}>
      <Box
        padding={4}
        hasRadius
        background={result.ok ? 'success100' : 'danger100'}
        borderColor={result.ok ? 'success200' : 'danger200'}
        data-testid="probe-outcome"
      >
        <Flex gap={3} alignItems="flex-start">
          {result.ok ? <CheckCircle fill="success600" width="2.4rem" height="2.4rem" /> : <CrossCircle fill="danger600" width="2.4rem" height="2.4rem" />}
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Typography fontWeight="bold" textColor={result.ok ? 'success700' : 'danger700'}>
              {t(headline, { to: to ?? '' })}
            </Typography>
            {error && <Typography textColor="neutral800">{error.explanation}</Typography>}
          </Flex>
        </Flex>
      </Box>
      <Box tag="dl">
        {details
          .filter(([, value]) => value !== null && value !== undefined && value !== '')
          .map(([label, value]) => (
            <Flex key={label} gap={4} paddingBottom={2} alignItems="flex-start">
              <Box tag="dt" minWidth="16rem">
                <Typography variant="sigma" textColor="neutral600">
                  {t(label)}
                </Typography>
              </Box>
              <Box tag="dd" margin={0}>
                <Typography textColor="neutral800" style={{ wordBreak: 'break-word' }}>
                  {String(value)}
                </Typography>
              </Box>
            </Flex>
          ))}
      </Box>
      <Transcript lines={result.transcript} />
    </Flex>
  );
};
