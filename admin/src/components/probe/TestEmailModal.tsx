/*
 * Asks for the recipient of a test email. Controlled: the address, the error and the sending flag
 * live in useMailboxProbe; this only renders them and reports input.
 */
import * as React from 'react';
import { Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { useT } from '../../utils/use-t';

interface TestEmailModalProps {
  mailboxName: string;
  usesUnsavedValues: boolean;
  to: string;
  error?: string;
  isSending: boolean;
  onChange: (to: string) => void;
  onSend: () => void;
  onClose: () => void;
}

export const TestEmailModal = ({ mailboxName, usesUnsavedValues, to, error, isSending, onChange, onSend, onClose }: TestEmailModalProps) => {
  const t = useT();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    onSend();
  };
  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>{t('email-notifications.testEmail.title', { name: mailboxName })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography textColor="neutral700">
                {t(usesUnsavedValues ? 'email-notifications.testEmail.unsavedIntro' : 'email-notifications.testEmail.intro')}
              </Typography>
              <Field.Root name="to" error={error} required>
                <Field.Label>{t('email-notifications.testEmail.to.label')}</Field.Label>
                <TextInput
                  type="email"
                  value={to}
                  autoFocus
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
                />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button type="button" variant="tertiary">
                {t('email-notifications.action.cancel')}
              </Button>
            </Modal.Close>
            <Button type="submit" startIcon={<PaperPlane />} loading={isSending}>
              {t('email-notifications.action.send')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
