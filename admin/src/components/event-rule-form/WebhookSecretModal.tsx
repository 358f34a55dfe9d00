/*
 * The one time a web-hook secret is seen: after a save that made it or after "New secret". Shows it
 * read-only with a copy button and the warning that it will not be shown again; holds no copy of it
 * beyond the page that opened it.
 */
import { Box, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useClipboard, useNotification } from '@strapi/strapi/admin';
import { useT } from '../../utils/use-t';

export const WebhookSecretModal = ({ secret, onClose }: { secret: string; onClose: () => void }) => {
  const t = useT();
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  const copySecret = async () => {
    const copied = await copy(secret);
    toggleNotification({
      type: copied ? 'success' : 'warning',
      message: t(copied ? 'email-notifications.eventForm.secret.copied' : 'email-notifications.eventForm.secret.copyFailed'),
    });
  };

  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('email-notifications.eventForm.secret.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Box background="warning100" borderColor="warning200" hasRadius padding={3} role="status">
              <Typography textColor="warning700">{t('email-notifications.eventForm.secret.warning')}</Typography>
            </Box>
            <Field.Root name="webhookSecret" hint={t('email-notifications.eventForm.secret.hint')}>
              <Field.Label>{t('email-notifications.eventForm.secret.label')}</Field.Label>
              <TextInput value={secret} readOnly onFocus={(event: React.FocusEvent<HTMLInputElement>) => event.target.select()} style={{ fontFamily: 'monospace' }} />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="secondary" startIcon={<Duplicate />} onClick={copySecret}>
            {t('email-notifications.eventForm.secret.copy')}
          </Button>
          <Modal.Close>
            <Button type="button">{t('email-notifications.eventForm.secret.done')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
