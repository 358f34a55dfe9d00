/*
 * How each outgoing mailbox signs in to its SMTP server: no login, password, or OAuth2 (Microsoft 365,
 * Gmail) with whether a refresh token is stored. From the mailbox view's own fields; read-only.
 */
import { Badge, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { Mailbox } from '../../api/mailbox-types';
import { useT, type MessageId } from '../../utils/use-t';

function statusOf(mailbox: Mailbox): { variant: 'success' | 'warning' | 'secondary'; label: MessageId } {
  if (mailbox.authType === 'none') return { variant: 'secondary', label: 'email-notifications.deliverability.signIn.none' };
  if (mailbox.authType === 'login') return { variant: mailbox.hasPassword ? 'success' : 'warning', label: mailbox.hasPassword ? 'email-notifications.deliverability.signIn.password' : 'email-notifications.deliverability.signIn.noPassword' };
  return mailbox.hasOauthRefreshToken
    ? { variant: 'success', label: 'email-notifications.deliverability.signIn.oauthSignedIn' }
    : { variant: 'warning', label: 'email-notifications.deliverability.signIn.oauthMissing' };
}

export const SignInStatus = ({ mailboxes }: { mailboxes: Mailbox[] }) => {
  const t = useT();
  return (
    <Table colCount={3} rowCount={mailboxes.length + 1}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('email-notifications.list.column.name')}</Typography></Th>
          <Th><Typography variant="sigma">{t('email-notifications.deliverability.signIn.user')}</Typography></Th>
          <Th><Typography variant="sigma">{t('email-notifications.deliverability.signIn.status')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {mailboxes.map((m) => {
          const status = statusOf(m);
          return (
            <Tr key={m.id}>
              <Td><Typography fontWeight="semiBold">{m.name}</Typography></Td>
              <Td><Typography>{m.authUser || '—'}</Typography></Td>
              <Td><Badge variant={status.variant}>{t(status.label)}</Badge></Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
