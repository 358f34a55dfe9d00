/*
 * The summary at the top of every editor after a refused save: each problem with the path the server
 * named (`recipients.to.1.path`), 400 and 409 alike, so a problem without a field, or on a field the form
 * does not show, is never lost. Presentational: the problems come from useFormProblems.
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import type { FieldProblem } from '../../api/api-error';
import { useT } from '../../utils/use-t';

export const ProblemSummary = ({ problems }: { problems: readonly FieldProblem[] }) => {
  const t = useT();
  if (problems.length === 0) return null;
  return (
    <Box background="danger100" borderColor="danger200" hasRadius padding={4} role="alert" data-testid="form-problems">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography fontWeight="bold" textColor="danger700">
          {t('email-notifications.problems.title', { count: problems.length })}
        </Typography>
        <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }}>
          {problems.map(({ path, message }, index) => (
            <li key={`${path}-${index}`}>
              <Typography textColor="danger700" style={{ whiteSpace: 'pre-line' }}>
                {path && (
                  <>
                    <code>{path}</code>:{' '}
                  </>
                )}
                {message}
              </Typography>
            </li>
          ))}
        </Box>
      </Flex>
    </Box>
  );
};
