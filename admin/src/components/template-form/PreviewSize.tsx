/*
 * The rendered size of a preview against the limit ("12.3 KB of 100 KB"), in red when over it.
 * Presentational.
 */
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useT } from '../../utils/use-t';

export const PreviewSize = ({ sizeBytes, maxBytes }: { sizeBytes: number; maxBytes: number }) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const kb = (bytes: number) => formatNumber(bytes / 1024, { maximumFractionDigits: 1 });
  return (
    <Typography variant="pi" textColor={sizeBytes > maxBytes ? 'danger600' : 'neutral600'} data-testid="preview-size" style={{ alignSelf: 'center' }}>
      {t('email-notifications.templateForm.preview.size', { size: kb(sizeBytes), max: kb(maxBytes) })}
    </Typography>
  );
};
