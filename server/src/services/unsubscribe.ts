/* The `unsubscribe` service: the one-click unsubscribe link's describe and confirm. Thin: the work is in rules/one-click-unsubscribe. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => getRuntime(strapi).unsubscribe;
