/* The `profiles` service: the signed-in admin's own notification profile. Thin: the work is in rules/profile-store. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => getRuntime(strapi).profiles;
