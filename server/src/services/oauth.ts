/* The `oauth` service: OAuth2 sign-in of mailboxes (start, the browser's return, the providers' defaults). Thin: the work is in oauth/. */
import type { Core } from '@strapi/strapi';
import { getRuntime } from '../runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { oauthSignIn } = getRuntime(strapi);
  return {
    start: oauthSignIn.start,
    callback: oauthSignIn.callback,
    info: oauthSignIn.info,
  };
};
