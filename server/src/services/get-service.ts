/*
 * Typed access to the plugin's services (as Strapi's i18n plugin does it): the only place that calls
 * `strapi.plugin(...).service(...)`, so a caller gets the service's real type instead of `any`.
 */
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../config/plugin-config';
import type services from './index';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<Name extends ServiceName> = ReturnType<Services[Name]>;

export function getService<Name extends ServiceName>(strapi: Core.Strapi, name: Name): Service<Name> {
  return strapi.plugin(PLUGIN_ID).service(name) as Service<Name>;
}
