/*
 * "Import" and "Export all" of the template list. Import reads the picked .mjml/.json files in the
 * browser and sends them in one request (the server checks all before writing any); a modal then lists
 * what was created or updated, or every problem by file. Export all downloads each file.
 */
import * as React from 'react';
import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { Download, Upload } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { toApiProblem } from '../../api/api-error';
import { useExportTemplates, useImportTemplates } from '../../api/template-queries';
import type { ImportResult } from '../../api/template-types';
import { downloadFiles, readFiles } from '../../utils/template-files';
import { useT } from '../../utils/use-t';

type Outcome = { results: ImportResult[] } | { problems: string[]; message: string };

export const TemplateFileActions = ({ canUpdate }: { canUpdate: boolean }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const exportTemplates = useExportTemplates();
  const importTemplates = useImportTemplates();
  const input = React.useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = React.useState<Outcome | null>(null);
  const [isExporting, setExporting] = React.useState(false);

  const exportAll = async () => {
    setExporting(true);
    try {
      downloadFiles(await exportTemplates());
    } catch (error) {
      toggleNotification({ type: 'danger', message: toApiProblem(error).message });
    } finally {
      setExporting(false);
    }
  };

  const importPicked = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files;
    if (!picked || picked.length === 0) return;
    try {
      const files = await readFiles(picked);
      setOutcome({ results: await importTemplates.mutateAsync(files) });
    } catch (error) {
      const problem = toApiProblem(error);
      const problems = problem.problems.map(({ path, message }) => (path ? `${path}: ${message}` : message));
      setOutcome({ problems, message: problem.message });
    } finally {
      // The same files may be picked again after a fix.
      event.target.value = '';
    }
  };

  return (
    <>
      {canUpdate && (
        <>
          <input ref={input} type="file" accept=".mjml,.json" multiple hidden onChange={importPicked} data-testid="template-import-input" />
          <Button variant="secondary" size="S" startIcon={<Upload />} loading={importTemplates.isLoading} onClick={() => input.current?.click()}>
            {t('email-notifications.templates.import')}
          </Button>
        </>
      )}
      <Button variant="secondary" size="S" startIcon={<Download />} loading={isExporting} onClick={exportAll}>
        {t('email-notifications.templates.exportAll')}
      </Button>
      <Modal.Root open={outcome !== null} onOpenChange={(open) => !open && setOutcome(null)}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{t('email-notifications.templates.importResult.title')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {outcome && 'results' in outcome && (
              <Flex direction="column" alignItems="stretch" gap={2} data-testid="template-import-results">
                {outcome.results.map((result) => (
                  <Typography key={result.file}>
                    {t(result.created ? 'email-notifications.templates.importResult.created' : 'email-notifications.templates.importResult.updated', {
                      name: result.template.name,
                      locale: result.template.locale,
                    })}
                  </Typography>
                ))}
              </Flex>
            )}
            {outcome && 'problems' in outcome && (
              <Flex direction="column" alignItems="stretch" gap={2} data-testid="template-import-problems">
                <Typography fontWeight="semiBold">{t('email-notifications.templates.importResult.refused')}</Typography>
                {(outcome.problems.length ? outcome.problems : [outcome.message]).map((line) => (
                  <Typography key={line} textColor="danger600">
                    {line}
                  </Typography>
                ))}
              </Flex>
            )}
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('email-notifications.action.close')}</Button>
            </Modal.Close>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </>
  );
};
