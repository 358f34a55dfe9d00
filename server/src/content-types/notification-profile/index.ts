/* Notification profile content type (internal). */
import schema from './schema.json';

export default { schema };
