/*
 * The SMTP conversation of a check or test email, one protocol line per row, in a monospace block
 * that scrolls instead of stretching the modal. Secrets are redacted by the server before it gets here.
 */
import { Box, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import { useT } from '../../utils/use-t';

const Lines = styled.pre`
  margin: 0;
  max-height: 28rem;
  overflow: auto;
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.2rem;
  line-height: 1.6;
  white-space: pre-wrap;
  word-break: break-all;
`;

export const Transcript = ({ lines }: { lines: string[] }) => {
  const t = useT();
  return (
    <Box>
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {t('email-notifications.probe.transcript')}
      </Typography>
      <Box marginTop={2} padding={3} background="neutral100" borderColor="neutral200" hasRadius data-testid="smtp-transcript">
        {lines.length > 0 ? (
          <Lines>{lines.join('\n')}</Lines>
        ) : (
          <Typography textColor="neutral600">{t('email-notifications.probe.noTranscript')}</Typography>
        )}
      </Box>
    </Box>
  );
};
