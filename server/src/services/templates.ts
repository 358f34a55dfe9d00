/* The `templates` service: templates as the admin and developers use them (CRUD, versions, preview, render). Thin: the work is in templates/. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => getRuntime(strapi).templates;
