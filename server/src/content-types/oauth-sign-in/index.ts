/* Started OAuth2 sign-ins of mailboxes (internal): written only by oauth/sign-in-store.ts. */
import schema from './schema.json';

export default { schema };
