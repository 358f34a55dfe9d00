/* The `suppressions` service: addresses held after hard bounces and opt-outs, and their release. Thin: the work is in rules/suppression-store. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => getRuntime(strapi).suppressions;
