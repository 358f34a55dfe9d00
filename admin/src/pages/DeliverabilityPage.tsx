/*
 * Settings > Email notifications > Deliverability: the guide (SMTP, SPF, DKIM, DMARC, in that order)
 * with this installation's records, the DNS checker, the DKIM key manager per mailbox, routing as a
 * rule would, and how each mailbox signs in. Loads mailboxes and the guide; the parts do the rest.
 */
import { Flex } from '@strapi/design-system';
import { Layouts, Page, useAuth } from '@strapi/strapi/admin';
import { useQueryClient } from 'react-query';
import { useSetupGuide } from '../api/deliverability-queries';
import { useMailboxList } from '../api/mailbox-queries';
import { KEYS } from '../api/query-keys';
import { DkimKeyManager } from '../components/deliverability/DkimKeyManager';
import { DomainChecker } from '../components/deliverability/DomainChecker';
import { RoutingTester } from '../components/deliverability/RoutingTester';
import { SetupGuide } from '../components/deliverability/SetupGuide';
import { SignInStatus } from '../components/deliverability/SignInStatus';
import { Section } from '../components/deliverability/Section';
import { useMailboxPermissions } from '../hooks/use-mailbox-permissions';
import { useT } from '../utils/use-t';

export const DeliverabilityPage = () => {
  const t = useT();
  const { data: mailboxes, isLoading, reload } = useMailboxList();
  const guide = useSetupGuide();
  const queryClient = useQueryClient();
  const { canUpdate, canSend, isLoading: isLoadingPermissions } = useMailboxPermissions();
  const adminEmail = useAuth('DeliverabilityPage', (state) => state.user?.email) ?? '';
  if (isLoading || guide.isLoading || isLoadingPermissions) return <Page.Loading />;
  if (!mailboxes || !guide.data) return <Page.Error />;
  const outgoing = mailboxes.filter((m) => m.direction === 'out');
  const changed = async () => {
    await reload();
    await queryClient.invalidateQueries(KEYS.deliverabilityGuide());
  };

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.deliverability.title') })}</Page.Title>
      <Layouts.Header title={t('email-notifications.deliverability.title')} subtitle={t('email-notifications.deliverability.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Section title={t('email-notifications.deliverability.section.guide')}>
            <SetupGuide guide={guide.data} />
          </Section>
          <Section title={t('email-notifications.deliverability.section.checker')} description={t('email-notifications.deliverability.section.checker.text')}>
            <DomainChecker mailboxes={outgoing} />
          </Section>
          <Section title={t('email-notifications.deliverability.section.dkim')} description={t('email-notifications.deliverability.section.dkim.text')}>
            {outgoing.map((m) => (
              <DkimKeyManager key={`${m.id}-${m.updatedAt}`} mailbox={m} canUpdate={canUpdate} onChanged={changed} />
            ))}
          </Section>
          <Section title={t('email-notifications.deliverability.section.routing')} description={t('email-notifications.deliverability.section.routing.text')}>
            <RoutingTester canSend={canSend} defaultTo={adminEmail} />
          </Section>
          <Section title={t('email-notifications.deliverability.section.signIn')} description={t('email-notifications.deliverability.section.signIn.text')}>
            <SignInStatus mailboxes={outgoing} />
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
