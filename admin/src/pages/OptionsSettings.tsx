/*
 * Entry of the Settings link "Email notifications > Options": the settings.read permission guards the
 * page (menu permissions only hide links); loads the settings and hands them to OptionsEditor.
 */
import { Page } from '@strapi/strapi/admin';
import { useSettings } from '../api/settings-queries';
import { OptionsEditor } from '../components/options-form/OptionsEditor';
import { useSettingsPermissions } from '../hooks/use-settings-permissions';
import { SETTINGS_PERMISSIONS } from '../permissions';

const OptionsPage = () => {
  const { data: view, isLoading } = useSettings();
  // Known before the form renders, so inputs never flash disabled while permissions load.
  const { canUpdate, isLoading: isLoadingPermissions } = useSettingsPermissions();
  if (isLoading || isLoadingPermissions) return <Page.Loading />;
  if (!view) return <Page.Error />;
  return <OptionsEditor view={view} canUpdate={canUpdate} />;
};

const OptionsSettings = () => (
  <Page.Protect permissions={SETTINGS_PERMISSIONS.read}>
    <OptionsPage />
  </Page.Protect>
);

export default OptionsSettings;
