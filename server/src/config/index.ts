/* Strapi's plugin config entry: defaults (may read the environment) and the zod validator. */
import { defaultConfig, validateConfig } from './schema';

export default {
  default: defaultConfig,
  validator: validateConfig,
};
