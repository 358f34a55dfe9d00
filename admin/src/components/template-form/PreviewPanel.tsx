/*
 * The live preview card: the rendered subject, the HTML in a sandboxed iframe (no scripts, no remote
 * loads) at desktop or mobile width, the text part, the size against the limit, and the problems. With
 * a record id it renders that record instead of sample data. The mail's HTML never enters the admin's DOM.
 */
import * as React from 'react';
import { Box, Button, Flex, Tabs, Typography } from '@strapi/design-system';
import { Monitor, Phone } from '@strapi/icons';
import { styled } from 'styled-components';
import { toApiProblem } from '../../api/api-error';
import { useT } from '../../utils/use-t';
import { TextField } from '../form/TextField';
import { FormSection, Cell } from '../form/FormSection';
import { mailSrcDoc } from '../mail-body/mail-frame';
import { PreviewSize } from './PreviewSize';
import type { LivePreview } from './use-live-preview';

// Inline styles and data: images only: a preview must not ping remote images or trackers.
const WIDTHS = { desktop: '640px', mobile: '375px' } as const;
type Device = keyof typeof WIDTHS;

/**
 * A key per rendered HTML: the iframe is replaced rather than given a new srcDoc, since every srcDoc
 * change is a navigation that adds a browser history entry (and "Back" would step through previews).
 */
function frameKey(html: string): string {
  let hash = 5381;
  for (let i = 0; i < html.length; i += 1) hash = (hash * 33) ^ html.charCodeAt(i);
  return `${html.length}-${hash >>> 0}`;
}

const Stage = styled.div`
  display: flex;
  justify-content: center;
  overflow-x: auto;
  padding: ${({ theme }) => theme.spaces[4]};
  background: ${({ theme }) => theme.colors.neutral100};
  border-radius: ${({ theme }) => theme.borderRadius};
`;

const Frame = styled.iframe<{ $width: string; $stale: boolean }>`
  flex: none;
  width: ${({ $width }) => $width};
  height: 48rem;
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  background: #fff;
  opacity: ${({ $stale }) => ($stale ? 0.5 : 1)};
`;

const Text = styled.pre`
  margin: 0;
  max-height: 48rem;
  overflow: auto;
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.3rem;
  line-height: 1.6;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
`;

interface PreviewPanelProps {
  preview: LivePreview;
  /** Record templates can be previewed with a real record of their content type. */
  canUseRecord: boolean;
  documentId: string;
  onDocumentIdChange: (documentId: string) => void;
}

export const PreviewPanel = ({ preview, canUseRecord, documentId, onDocumentIdChange }: PreviewPanelProps) => {
  const t = useT();
  const [device, setDevice] = React.useState<Device>('desktop');
  const { result, rendered } = preview;
  const stale = !!result && result !== rendered;
  const requestError = preview.error ? toApiProblem(preview.error) : null;
  // A refused record is shown under its input; any other failed request with the problems.
  const problems = [
    ...(result?.problems ?? []).map((p) => `${Array.isArray(p.path) ? p.path.join('.') : p.path}: ${p.message}`),
    ...(requestError && !canUseRecord ? [requestError.message] : []),
  ];
  const deviceButton = (value: Device, icon: React.ReactNode) => (
    <Button variant={device === value ? 'secondary' : 'tertiary'} size="S" startIcon={icon} aria-pressed={device === value} onClick={() => setDevice(value)}>
      {t(`email-notifications.templateForm.preview.${value}`)}
    </Button>
  );

  return (
    <FormSection title={t('email-notifications.templateForm.section.preview')} description={t('email-notifications.templateForm.section.preview.description')}>
      {canUseRecord && (
        <Cell>
          <TextField
            name="previewDocumentId"
            label={t('email-notifications.templateForm.preview.record.label')}
            hint={t('email-notifications.templateForm.preview.record.hint')}
            value={documentId}
            onChange={onDocumentIdChange}
            error={requestError ? (requestError.fieldErrors.documentId ?? requestError.message) : undefined}
          />
        </Cell>
      )}
      <Cell full>
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Flex gap={2} justifyContent="space-between" wrap="wrap">
            <Flex gap={2} direction="column" alignItems="flex-start">
              <Typography variant="sigma" textColor="neutral600">
                {t('email-notifications.templateForm.preview.subject')}
              </Typography>
              <Typography fontWeight="semiBold" data-testid="preview-subject">
                {rendered?.subject ?? ''}
              </Typography>
            </Flex>
            <Flex gap={3}>
              {rendered && <PreviewSize sizeBytes={rendered.sizeBytes ?? 0} maxBytes={rendered.maxBytes ?? 0} />}
              {deviceButton('desktop', <Monitor />)}
              {deviceButton('mobile', <Phone />)}
            </Flex>
          </Flex>
          {problems.length > 0 && (
            <Box padding={3} background="danger100" hasRadius data-testid="preview-problems">
              <Typography fontWeight="semiBold" textColor="danger700" tag="p">
                {t('email-notifications.templateForm.preview.problems')}
              </Typography>
              {problems.map((line, index) => (
                <Typography key={index} tag="p" textColor="danger700">
                  {line}
                </Typography>
              ))}
            </Box>
          )}
          <Tabs.Root variant="simple" defaultValue="html">
            <Tabs.List aria-label={t('email-notifications.templateForm.preview.part')}>
              <Tabs.Trigger value="html">{t('email-notifications.message.part.html')}</Tabs.Trigger>
              <Tabs.Trigger value="text">{t('email-notifications.message.part.text')}</Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="html">
              <Box paddingTop={4}>
                <Stage>
                  <Frame
                    key={frameKey(rendered?.html ?? '')}
                    sandbox=""
                    srcDoc={mailSrcDoc(rendered?.html)}
                    title={t('email-notifications.templateForm.preview.frameTitle')}
                    $width={WIDTHS[device]}
                    $stale={stale}
                    data-device={device}
                  />
                </Stage>
              </Box>
            </Tabs.Content>
            <Tabs.Content value="text">
              <Box marginTop={4} padding={4} background="neutral100" hasRadius>
                <Text data-testid="preview-text">{rendered?.text ?? ''}</Text>
              </Box>
            </Tabs.Content>
          </Tabs.Root>
        </Flex>
      </Cell>
    </FormSection>
  );
};
