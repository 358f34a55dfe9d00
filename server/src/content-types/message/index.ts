/* Outbox message content type (internal). Rows are written and claimed only by server/src/outbox. */
import schema from './schema.json';

export default { schema };
