/*
 * Why a dry run matched or not: the condition tree node by node, each marked met or not met with the
 * values it saw ("now "authorized", before "received""). Presentational only.
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import { CheckCircle, CrossCircle } from '@strapi/icons';
import type { ConditionExplanation } from '../../api/rule-types';
import { useT } from '../../utils/use-t';

export const ExplanationTree = ({ node }: { node: ConditionExplanation }) => {
  const t = useT();
  const label = node.matched ? t('email-notifications.dryRun.condition.met') : t('email-notifications.dryRun.condition.notMet');
  return (
    <Box tag="li" paddingTop={1} data-testid="explanation-node">
      <Flex gap={2} alignItems="center">
        {node.matched ? (
          <CheckCircle fill="success600" aria-label={label} role="img" width="1.6rem" height="1.6rem" />
        ) : (
          <CrossCircle fill="danger600" aria-label={label} role="img" width="1.6rem" height="1.6rem" />
        )}
        <Typography textColor="neutral800" fontWeight={node.children ? 'semiBold' : undefined}>
          {node.label}
        </Typography>
        {node.detail && (
          <Typography variant="pi" textColor="neutral600">
            {node.detail}
          </Typography>
        )}
      </Flex>
      {node.children && node.children.length > 0 && (
        <Box tag="ul" paddingLeft={6}>
          {node.children.map((child, index) => (
            <ExplanationTree key={index} node={child} />
          ))}
        </Box>
      )}
    </Box>
  );
};
