/* The `taskGroups` service: task-group CRUD as the controller calls it. Thin: the work is in routing/task-group-store. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { taskGroups } = getRuntime(strapi);
  return { list: taskGroups.list, findOne: taskGroups.findOne, create: taskGroups.create, update: taskGroups.update, remove: taskGroups.remove };
};
