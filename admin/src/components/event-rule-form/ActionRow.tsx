/*
 * One action of an SMTP event rule: its type and what that type needs (the web page's URL, the log
 * file's name, the registered provider, the alert's recipients; "my notification profile" needs
 * nothing). Errors arrive re-rooted at the action (`url`, `recipients.to.0.address`).
 */
import { Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { ACTION_TYPES, type EventRulesMeta } from '../../api/event-rule-types';
import type { AdminRole } from '../../api/rule-types';
import { useT } from '../../utils/use-t';
import type { FieldErrors } from '../form/field-errors';
import { Cell } from '../form/FormSection';
import { SelectField } from '../form/SelectField';
import { TextField } from '../form/TextField';
import { RecipientsSection } from '../rule-form/RecipientsSection';
import type { RecipientKind } from '../rule-form/recipient-values';
import { newActionValues, type ActionValues } from './event-rule-values';

/** SMTP events concern no record and no resolver: alerts go to addresses, roles and subscribers. */
const ALERT_RECIPIENT_KINDS: readonly RecipientKind[] = ['address', 'role', 'subscribers'];
/** The category whose subscribers an alert reaches (My notifications). */
export const SMTP_EVENTS_CATEGORY = 'smtp-events';

interface ActionRowProps {
  action: ActionValues;
  index: number;
  meta: EventRulesMeta;
  roles: readonly AdminRole[] | null;
  errors: FieldErrors;
  onChange: (action: ActionValues, clear: string[]) => void;
  onRemove: () => void;
  disabled: boolean;
}

export const ActionRow = ({ action, index, meta, roles, errors, onChange, onRemove, disabled }: ActionRowProps) => {
  const t = useT();
  const position = index + 1;
  const name = (field: string) => `actions.${index}.${field}`;
  const set = (patch: Partial<ActionValues>, field: string) => onChange({ ...action, ...patch }, [field]);

  const settings = () => {
    switch (action.type) {
      case 'webhook':
        return (
          <TextField
            name={name('url')}
            label={t('email-notifications.eventForm.action.url.label')}
            hint={t('email-notifications.eventForm.action.url.hint')}
            type="url"
            placeholder="https://ops.example.com/hook"
            value={action.url}
            onChange={(url) => set({ url }, 'url')}
            error={errors.url}
            required
            disabled={disabled}
          />
        );
      case 'log':
        return (
          <TextField
            name={name('file')}
            label={t('email-notifications.eventForm.action.file.label')}
            hint={t(meta.logDirectoryConfigured ? 'email-notifications.eventForm.action.file.hint' : 'email-notifications.eventForm.action.file.noDirectory')}
            placeholder="smtp-events.log"
            value={action.file}
            onChange={(file) => set({ file }, 'file')}
            error={errors.file}
            required
            disabled={disabled}
          />
        );
      case 'provider':
        return meta.providers.length > 0 ? (
          <SelectField
            name={name('name')}
            label={t('email-notifications.eventForm.action.provider.label')}
            value={action.provider}
            options={meta.providers.map((provider) => ({ value: provider, label: provider }))}
            onChange={(provider) => set({ provider }, 'name')}
            error={errors.name}
            disabled={disabled}
          />
        ) : (
          <TextField
            name={name('name')}
            label={t('email-notifications.eventForm.action.provider.label')}
            hint={t('email-notifications.eventForm.action.provider.none')}
            value={action.provider}
            onChange={(provider) => set({ provider }, 'name')}
            error={errors.name}
            disabled={disabled}
          />
        );
      case 'profiles':
        return <Typography textColor="neutral600">{t('email-notifications.eventForm.action.profiles.hint')}</Typography>;
      default:
        return null;
    }
  };

  return (
    <Cell full>
      <Box padding={4} hasRadius borderColor="neutral200" data-testid={`event-action-${index}`}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={4} alignItems="flex-start">
            <Box style={{ flex: '0 0 28rem' }}>
              <SelectField
                name={name('type')}
                label={t('email-notifications.eventForm.action.type.label', { position })}
                value={action.type}
                options={ACTION_TYPES.map((type) => ({ value: type, label: t(`email-notifications.events.actionType.${type}`) }))}
                onChange={(type) => onChange({ ...newActionValues(type), key: action.key }, [`actions.${index}`])}
                error={errors.type}
                disabled={disabled}
              />
            </Box>
            <Box style={{ flex: '1 1 auto' }} paddingTop={action.type === 'profiles' ? 7 : 0}>
              {settings()}
            </Box>
            {!disabled && (
              <Box paddingTop={6}>
                <IconButton label={t('email-notifications.eventForm.action.remove', { position })} variant="ghost" onClick={onRemove}>
                  <Trash />
                </IconButton>
              </Box>
            )}
          </Flex>
          {action.type === 'email' && (
            <RecipientsSection
              recipients={action.recipients}
              choices={{ paths: [], roles, resolvers: [], category: SMTP_EVENTS_CATEGORY, kinds: ALERT_RECIPIENT_KINDS }}
              description={t('email-notifications.eventForm.action.recipients.description')}
              errors={errors}
              onChange={(recipients, clear) => onChange({ ...action, recipients }, clear)}
              disabled={disabled}
            />
          )}
        </Flex>
      </Box>
    </Cell>
  );
};
