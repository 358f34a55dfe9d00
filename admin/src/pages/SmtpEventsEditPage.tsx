/*
 * Route of the SMTP event rule form: `new` for a new rule, `:id` for a saved one (or "options:<name>"
 * for one from the plugin options). Loads the rule, the meta (providers, log directory, time zones)
 * and, when the admin may read them, the admin roles alert emails can name. A fresh editor per id.
 */
import * as React from 'react';
import { Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { useEventRule, useEventRulesMeta } from '../api/event-rule-queries';
import { useAdminRoles } from '../api/rule-queries';
import { EventRuleEditor } from '../components/event-rule-form/EventRuleEditor';
import { useEventPermissions } from '../hooks/use-event-permissions';

/** The browser's IANA zones when the server lists none; UTC first (Intl leaves it out). */
const browserTimezones = () => ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

export const SmtpEventsEditPage = () => {
  const { id } = useParams<{ id: string }>();
  const rule = useEventRule(id);
  const meta = useEventRulesMeta();
  const roles = useAdminRoles();
  // Known before the form renders, so inputs never flash disabled while permissions load.
  const { canUpdate, isLoading: isLoadingPermissions } = useEventPermissions();
  const timezones = React.useMemo(() => meta.data?.timezones ?? browserTimezones(), [meta.data]);

  if (rule.isLoading || meta.isLoading || roles.isLoading || isLoadingPermissions) return <Page.Loading />;
  if ((id && !rule.data) || !meta.data) return <Page.Error />;
  return <EventRuleEditor key={id ?? 'new'} rule={rule.data} meta={meta.data} timezones={timezones} roles={roles.data ?? null} canUpdate={canUpdate} />;
};
