/*
 * The guide, in the order that works: 1. SMTP (a provider's server, encrypted, with a login), 2. SPF
 * (before DKIM), 3. DKIM, 4. DMARC; each step with the records of this installation's mailboxes.
 * Presentational: the guide comes from the server.
 */
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { SetupGuide as Guide } from '../../api/deliverability-types';
import { useT, type MessageId } from '../../utils/use-t';
import { DnsRecordView } from './DnsRecordView';

const Step = ({ number, title, text, children }: { number: number; title: MessageId; text: MessageId; children: React.ReactNode }) => {
  const t = useT();
  return (
    <Box padding={4} background="neutral100" hasRadius data-testid={`guide-step-${number}`}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h3">{`${number}. ${t(title)}`}</Typography>
        <Typography textColor="neutral700">{t(text)}</Typography>
        {children}
      </Flex>
    </Box>
  );
};

export const SetupGuide = ({ guide }: { guide: Guide }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Step number={1} title="email-notifications.deliverability.guide.smtp.title" text="email-notifications.deliverability.guide.smtp.text">
        {guide.smtp.map((row) => (
          <Flex key={row.id} gap={2}>
            <Typography fontWeight="semiBold">{row.mailbox}</Typography>
            <Typography>{row.server}</Typography>
            <Badge variant={row.encrypted ? 'success' : 'warning'}>
              {t(row.encrypted ? 'email-notifications.deliverability.guide.smtp.encrypted' : 'email-notifications.deliverability.guide.smtp.plain')}
            </Badge>
          </Flex>
        ))}
      </Step>
      <Step number={2} title="email-notifications.deliverability.guide.spf.title" text="email-notifications.deliverability.guide.spf.text">
        {guide.domains.map((d) => (
          <DnsRecordView key={d.domain} record={d.spf} />
        ))}
      </Step>
      <Step number={3} title="email-notifications.deliverability.guide.dkim.title" text="email-notifications.deliverability.guide.dkim.text">
        {guide.domains.flatMap((d) =>
          d.dkim.map((k) =>
            k.record ? (
              <DnsRecordView key={`${d.domain}-${k.mailbox}`} record={k.record} />
            ) : (
              <Typography key={`${d.domain}-${k.mailbox}`} textColor="warning600">
                {t('email-notifications.deliverability.guide.dkim.none', { mailbox: k.mailbox })}
              </Typography>
            ),
          ),
        )}
      </Step>
      <Step number={4} title="email-notifications.deliverability.guide.dmarc.title" text="email-notifications.deliverability.guide.dmarc.text">
        {guide.domains.map((d) => (
          <DnsRecordView key={d.domain} record={d.dmarc} />
        ))}
      </Step>
    </Flex>
  );
};
