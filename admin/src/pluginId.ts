/*
 * The plugin's id as Strapi knows it: the prefix of its admin routes, settings links and translation
 * keys. The one place the admin spells it for registration; it must match package.json's strapi.name.
 */
export const PLUGIN_ID = 'email-notifications';
