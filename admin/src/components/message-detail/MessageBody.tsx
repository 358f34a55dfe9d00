/*
 * The body of a message: the HTML part in a sandboxed iframe (no scripts, no same-origin access, no
 * remote loads: the mail's markup never runs inside the admin), or the text part; or a notice when
 * the retention settings deleted the body. Never injects the mail's HTML into the admin's DOM.
 */
import * as React from 'react';
import { Box, Tabs, Typography } from '@strapi/design-system';
import type { MessageDetail } from '../../api/message-types';
import { useFormatters } from '../../utils/use-formatters';
import { useT } from '../../utils/use-t';
import { MailFrame, MailText } from '../mail-body/mail-frame';
import { Cell, FormSection } from '../form/FormSection';

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
              <MailFrame html={message.html} title={t('email-notifications.message.htmlFrameTitle')} />
            </Box>
          </Tabs.Content>
          <Tabs.Content value="text">
            <Box marginTop={4} padding={4} background="neutral100" hasRadius>
              <MailText data-testid="body-text">{message.text ?? ''}</MailText>
            </Box>
          </Tabs.Content>
        </Tabs.Root>
      </Cell>
    </FormSection>
  );
};
