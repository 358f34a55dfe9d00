export const PLUGIN_ID = 'email-notifications';
