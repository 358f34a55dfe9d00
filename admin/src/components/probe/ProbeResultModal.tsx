/*
 * The modal that shows the outcome of "Check" or "Send test email"; while a check is running (no
 * result yet) it shows a loader, as an SMTP conversation can take several seconds.
 */
import { Button, Flex, Loader, Modal } from '@strapi/design-system';
import type { TestEmailResult } from '../../api/mailbox-types';
import type { ProbeKind } from '../../hooks/use-mailbox-probe';
import { useT } from '../../utils/use-t';
import { ProbeResultView } from './ProbeResultView';

interface ProbeResultModalProps {
  kind: ProbeKind;
  mailboxName: string;
  to?: string;
  result?: TestEmailResult;
  onClose: () => void;
}

export const ProbeResultModal = ({ kind, mailboxName, to, result, onClose }: ProbeResultModalProps) => {
  const t = useT();
  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {t(kind === 'check' ? 'email-notifications.probe.checkTitle' : 'email-notifications.probe.testTitle', { name: mailboxName })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {result ? (
            <ProbeResultView kind={kind} to={to} result={result} />
          ) : (
            <Flex justifyContent="center" padding={6}>
              <Loader>{t('email-notifications.probe.running')}</Loader>
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button type="button" variant="tertiary">
              {t('email-notifications.action.close')}
            </Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
