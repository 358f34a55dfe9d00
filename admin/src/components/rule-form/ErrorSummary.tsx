/*
 * Every problem of a refused save, each with the path the server named (`recipients.to.1.path`), at the
 * top of the rule form: a rule has nested parts, and not every path has an input of its own.
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import { useT } from '../../utils/use-t';

export const ErrorSummary = ({ problems }: { problems: Record<string, string[]> }) => {
  const t = useT();
  const entries = Object.entries(problems).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
  if (entries.length === 0) return null;
  return (
    <Box background="danger100" borderColor="danger200" hasRadius padding={4} role="alert" data-testid="rule-errors">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography fontWeight="bold" textColor="danger700">
          {t('email-notifications.ruleForm.errors.title', { count: entries.length })}
        </Typography>
        <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }}>
          {entries.map(({ path, message }, index) => (
            <li key={`${path}-${index}`}>
              <Typography textColor="danger700">
                <code>{path}</code>: {message}
              </Typography>
            </li>
          ))}
        </Box>
      </Flex>
    </Box>
  );
};
