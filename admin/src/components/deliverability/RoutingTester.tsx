/*
 * "Route it as a rule would": a recipient with an optional task group and recipient IP; Dry run says
 * which mailbox would send and why (nothing sent), Send test email really sends through that mailbox
 * and shows the routing's reason with the SMTP outcome.
 */
import * as React from 'react';
import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { useDeliverabilityActions } from '../../api/deliverability-queries';
import { useMailboxActions } from '../../api/mailbox-queries';
import type { RouteAnswer } from '../../api/mailbox-types';
import { useT } from '../../utils/use-t';
import { useFormProblems } from '../form/use-form-problems';

export const RoutingTester = ({ canSend, defaultTo }: { canSend: boolean; defaultTo: string }) => {
  const t = useT();
  const actions = useDeliverabilityActions();
  const mailboxActions = useMailboxActions();
  const problems = useFormProblems();
  const [to, setTo] = React.useState(defaultTo);
  const [taskGroup, setTaskGroup] = React.useState('');
  const [recipientIp, setRecipientIp] = React.useState('');
  const [answer, setAnswer] = React.useState<{ route: RouteAnswer; sent?: boolean; detail?: string } | null>(null);
  const hints = { ...(taskGroup ? { taskGroup } : {}), ...(recipientIp ? { recipientIp } : {}) };

  const dryRun = async () => {
    try {
      const route = await actions.dryRun({ to, ...hints });
      problems.show([]);
      setAnswer({ route, detail: route.recipientRemoved ?? undefined });
    } catch (error) {
      problems.refused(error);
    }
  };
  const send = async () => {
    try {
      const result = await mailboxActions.sendTestEmail({ to, route: hints });
      problems.show([]);
      if (result.route) setAnswer({ route: result.route, sent: result.ok, detail: result.error?.explanation ?? result.response });
    } catch (error) {
      problems.refused(error);
    }
  };
  const error = (path: string) => problems.errors[path] ?? problems.errors[`route.${path}`];

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Field.Root name="to" error={problems.errors.to} required>
          <Field.Label>{t('email-notifications.deliverability.routing.to')}</Field.Label>
          <TextInput value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)} />
          <Field.Error />
        </Field.Root>
        <Field.Root name="taskGroup" error={error('taskGroup')}>
          <Field.Label>{t('email-notifications.deliverability.routing.taskGroup')}</Field.Label>
          <TextInput value={taskGroup} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTaskGroup(e.target.value)} />
          <Field.Error />
        </Field.Root>
        <Field.Root name="recipientIp" error={error('recipientIp')}>
          <Field.Label>{t('email-notifications.deliverability.routing.recipientIp')}</Field.Label>
          <TextInput value={recipientIp} placeholder="203.0.113.7" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setRecipientIp(e.target.value)} />
          <Field.Error />
        </Field.Root>
        <Button variant="secondary" onClick={dryRun}>{t('email-notifications.deliverability.routing.dryRun')}</Button>
        {canSend && <Button onClick={send}>{t('email-notifications.deliverability.routing.send')}</Button>}
      </Flex>
      {answer && (
        <Box padding={4} hasRadius background={answer.route.wouldSend ? 'success100' : 'warning100'} data-testid="route-answer">
          <Typography fontWeight="bold">
            {answer.route.mailbox
              ? t(answer.sent === undefined ? 'email-notifications.deliverability.routing.wouldSend' : answer.sent ? 'email-notifications.deliverability.routing.sent' : 'email-notifications.deliverability.routing.failed', { name: answer.route.mailbox.name })
              : t('email-notifications.deliverability.routing.wouldWait')}
          </Typography>
          <Typography tag="p">{t('email-notifications.deliverability.routing.why', { reason: answer.route.reason })}</Typography>
          {answer.detail && <Typography tag="p" textColor="neutral700">{answer.detail}</Typography>}
        </Box>
      )}
    </Flex>
  );
};
