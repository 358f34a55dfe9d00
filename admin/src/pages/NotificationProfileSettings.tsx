/*
 * Entry of the Settings link "Email notifications > My notifications": every signed-in admin manages
 * their own notification profile (no permission needed), so it only loads the profile for the form.
 */
import { Page } from '@strapi/strapi/admin';
import { useProfile } from '../api/profile-queries';
import { NotificationProfileForm } from './NotificationProfileForm';

const NotificationProfileSettings = () => {
  const profile = useProfile();
  if (profile.isLoading) return <Page.Loading />;
  if (!profile.data) return <Page.Error />;
  return <NotificationProfileForm profile={profile.data} />;
};

export default NotificationProfileSettings;
