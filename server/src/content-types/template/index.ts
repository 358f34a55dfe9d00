/* Email template content type (internal): subject, MJML body, optional text part, layout fields. */
import schema from './schema.json';

export default { schema };
