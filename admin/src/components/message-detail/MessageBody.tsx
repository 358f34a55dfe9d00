/*
 * The body of a message: the HTML part in a sandboxed iframe (no scripts, no same-origin access, no
 * remote loads: the mail's markup never runs inside the admin), or the text part; or a notice when
 * the retention settings deleted the body. Never injects the mail's HTML into the admin's DOM.
 */
import * as React from 'react';
import { Box, Tabs, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import type { MessageDetail } from '../../api/mail-log-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT } from '../../utils/use-t';
import { Cell, FormSection } from '../mailbox-form/FormSection';

// Inline styles and data: images only: opening a mail must not ping its tracking pixels.
const NO_REMOTE_CONTENT = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'">`;

const Frame = styled.iframe`
  width: 100%;
  height: 36rem;
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: #fff;
`;

const Text = styled.pre`
  margin: 0;
  max-height: 36rem;
  overflow: auto;
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.3rem;
  line-height: 1.6;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
`;

type Part = 'html' | 'text';

export const MessageBody = ({ message }: { message: MessageDetail }) => {
  const t = useT();
  const format = useFormatters();
  const [part, setPart] = React.useState<Part>(message.html !== null ? 'html' : 'text');

  if (message.bodyPurgedAt) {
    return (
      <FormSection title={t('email-notifications.message.section.body')}>
        <Cell full>
          <Typography tag="p" textColor="neutral600" data-testid="body-purged">
            {t('email-notifications.message.bodyPurged', { at: format.dateTime(message.bodyPurgedAt) })}
          </Typography>
        </Cell>
      </FormSection>
    );
  }

  return (
    <FormSection title={t('email-notifications.message.section.body')}>
      <Cell full>
        <Tabs.Root variant="simple" value={part} onValueChange={(value) => setPart(value as Part)}>
          <Tabs.List aria-label={t('email-notifications.message.bodyPart')}>
            <Tabs.Trigger value="html" disabled={message.html === null}>
              {t('email-notifications.message.part.html')}
            </Tabs.Trigger>
            <Tabs.Trigger value="text" disabled={message.text === null}>
              {t('email-notifications.message.part.text')}
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="html">
            <Box paddingTop={4}>
              <Frame sandbox="" srcDoc={NO_REMOTE_CONTENT + (message.html ?? '')} title={t('email-notifications.message.htmlFrameTitle')} />
            </Box>
          </Tabs.Content>
          <Tabs.Content value="text">
            <Box marginTop={4} padding={4} background="neutral100" hasRadius>
              <Text data-testid="body-text">{message.text ?? ''}</Text>
            </Box>
          </Tabs.Content>
        </Tabs.Root>
      </Cell>
    </FormSection>
  );
};
