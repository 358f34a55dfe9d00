/* SMTP event rule content type (internal); its web-hook secret is encrypted and private. */
import schema from './schema.json';

export default { schema };
