/* The `suppressions` service: addresses held after hard bounces, and their release. Thin: the work is in rules/flood-state. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => getRuntime(strapi).suppressions;
