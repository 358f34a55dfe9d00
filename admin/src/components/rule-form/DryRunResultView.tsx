/*
 * The result of a dry run: match or not with the explanation tree, the To/Cc/Bcc the message would go
 * to, suppressed addresses with reasons, notes, and the rendered subject, text and HTML (the HTML in a
 * sandboxed iframe: no scripts, no same-origin access, no remote loads).
 */
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { RECIPIENT_LISTS, type Address, type DryRunResult } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import { MailFrame, MailText } from '../mail-body/mail-frame';
import { ExplanationTree } from './ExplanationTree';

const formatAddress = ({ address, name }: Address) => (name ? `${name} <${address}>` : address);

const Heading = ({ children }: { children: string }) => (
  <Typography variant="sigma" textColor="neutral600" tag="h3">
    {children}
  </Typography>
);

export const DryRunResultView = ({ result }: { result: DryRunResult }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={5} data-testid="dry-run-result">
      <Flex gap={3} alignItems="center">
        <Badge variant={result.matched ? 'success' : 'neutral'} data-testid="dry-run-match">
          {result.matched ? t('email-notifications.dryRun.matches') : t('email-notifications.dryRun.noMatch')}
        </Badge>
        <Typography variant="pi" textColor="neutral600">
          {t('email-notifications.dryRun.nothingSent')}
        </Typography>
      </Flex>
      <Box>
        <Heading>{t('email-notifications.dryRun.explanation')}</Heading>
        <Box tag="ul" paddingTop={1}>
          <ExplanationTree node={result.explanation} />
        </Box>
      </Box>
      <Box data-testid="dry-run-recipients">
        <Heading>{t('email-notifications.dryRun.recipients')}</Heading>
        {RECIPIENT_LISTS.map((list) => (
          <Typography key={list} tag="p" textColor="neutral800" data-testid={`dry-run-${list}`}>
            <strong>{t(`email-notifications.ruleForm.recipients.${list}`)}:</strong> {result[list].map(formatAddress).join(', ') || '—'}
          </Typography>
        ))}
      </Box>
      {result.suppressed.length > 0 && (
        <Box data-testid="dry-run-suppressed">
          <Heading>{t('email-notifications.dryRun.suppressed')}</Heading>
          <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }}>
            {result.suppressed.map(({ address, reason }) => (
              <li key={address}>
                <Typography textColor="neutral800">{`${address}: ${reason}`}</Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}
      {result.notes.length > 0 && (
        <Box data-testid="dry-run-notes">
          <Heading>{t('email-notifications.dryRun.notes')}</Heading>
          <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }}>
            {result.notes.map((note, index) => (
              <li key={index}>
                <Typography textColor="neutral800">{note}</Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}
      <Box>
        <Heading>{t('email-notifications.dryRun.subject')}</Heading>
        <Typography tag="p" fontWeight="semiBold" textColor="neutral800" data-testid="dry-run-subject">
          {result.subject ?? '—'}
        </Typography>
      </Box>
      {result.text ? (
        <Box>
          <Heading>{t('email-notifications.dryRun.text')}</Heading>
          <Box marginTop={1} padding={4} background="neutral100" hasRadius>
            <MailText data-testid="dry-run-text" $maxHeight="24rem">
              {result.text}
            </MailText>
          </Box>
        </Box>
      ) : null}
      {result.html ? (
        <Box>
          <Heading>{t('email-notifications.dryRun.html')}</Heading>
          <Box paddingTop={1}>
            <MailFrame html={result.html} title={t('email-notifications.dryRun.htmlFrameTitle')} height="32rem" />
          </Box>
        </Box>
      ) : null}
    </Flex>
  );
};
