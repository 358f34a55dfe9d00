/*
 * Settings > Email notifications > Suppressions: the addresses rules skip (hard bounces, opt-outs),
 * with search and pages; release several at once after a confirmation. Guarded like the rules (the
 * holds are part of what rules send): rules.read to see, rules.update to release.
 */
import * as React from 'react';
import { Box, Button, Dialog, EmptyStateLayout, Flex, SearchForm, Searchbar, Typography } from '@strapi/design-system';
import { ArrowLeft, ArrowRight, Trash } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { ConfirmDialog, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { toApiProblem } from '../api/api-error';
import { useReleaseSuppressions, useSuppressions } from '../api/suppression-queries';
import { SuppressionTable } from '../components/suppression-list/SuppressionTable';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { useRulePermissions } from '../hooks/use-rule-permissions';
import { RULE_PERMISSIONS } from '../permissions';
import { useT } from '../utils/use-t';

const PAGE_SIZE = 25;

const SuppressionsPage = () => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const { canUpdate, isLoading: isLoadingPermissions } = useRulePermissions();
  const [search, setSearch] = React.useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = React.useState(1);
  const list = useSuppressions({ q, page, pageSize: PAGE_SIZE });
  const release = useReleaseSuppressions();
  const [selected, setSelected] = React.useState<Set<string>>(new Set());
  const [confirming, setConfirming] = React.useState(false);

  React.useEffect(() => setPage(1), [q]);

  const select = (ids: string[], checked: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) if (checked) next.add(id);
      else next.delete(id);
      return next;
    });

  const confirmRelease = async () => {
    setConfirming(false);
    try {
      const result = await release.mutateAsync([...selected]);
      setSelected(new Set());
      toggleNotification({ type: 'success', message: t('email-notifications.suppressions.notification.released', { count: result.released }) });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: toApiProblem(failure).message });
    }
  };

  if (isLoadingPermissions || list.isLoading) return <Page.Loading />;
  if (!list.data) return <Page.Error />;
  const { results, pagination } = list.data;

  return (
    <Page.Main>
      <Page.Title>{t('email-notifications.page.title', { name: t('email-notifications.suppressions.title') })}</Page.Title>
      <Layouts.Header
        title={t('email-notifications.suppressions.title')}
        subtitle={t('email-notifications.suppressions.subtitle')}
        primaryAction={
          canUpdate && (
            <Button variant="danger-light" startIcon={<Trash />} disabled={selected.size === 0} loading={release.isLoading} onClick={() => setConfirming(true)}>
              {t('email-notifications.suppressions.release', { count: selected.size })}
            </Button>
          )
        }
      />
      <Layouts.Action
        startActions={
          <SearchForm onSubmit={(event: React.FormEvent) => event.preventDefault()}>
            <Searchbar
              name="q"
              value={search}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
              onClear={() => setSearch('')}
              clearLabel={t('email-notifications.suppressions.search.clear')}
              placeholder={t('email-notifications.suppressions.search.placeholder')}
            >
              {t('email-notifications.suppressions.search.label')}
            </Searchbar>
          </SearchForm>
        }
      />
      <Layouts.Content>
        {results.length === 0 ? (
          <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={t(q ? 'email-notifications.suppressions.empty.filtered' : 'email-notifications.suppressions.empty')} />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <SuppressionTable rows={results} selected={selected} onSelect={canUpdate ? select : null} />
            <Flex justifyContent="space-between">
              <Typography variant="pi" textColor="neutral600">
                {t('email-notifications.suppressions.pageOf', { page: pagination.page, pageCount: Math.max(1, pagination.pageCount), total: pagination.total })}
              </Typography>
              <Box>
                <Flex gap={2}>
                  <Button variant="tertiary" size="S" startIcon={<ArrowLeft />} disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t('email-notifications.suppressions.previous')}
                  </Button>
                  <Button variant="tertiary" size="S" endIcon={<ArrowRight />} disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
                    {t('email-notifications.suppressions.next')}
                  </Button>
                </Flex>
              </Box>
            </Flex>
          </Flex>
        )}
      </Layouts.Content>
      <Dialog.Root open={confirming} onOpenChange={(open) => !open && setConfirming(false)}>
        <ConfirmDialog onConfirm={confirmRelease}>{t('email-notifications.suppressions.releaseConfirm', { count: selected.size })}</ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};

const SuppressionsSettings = () => (
  <Page.Protect permissions={RULE_PERMISSIONS.read}>
    <SuppressionsPage />
  </Page.Protect>
);

export default SuppressionsSettings;
