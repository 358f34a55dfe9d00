/* SMTP event frequency window content type (internal); written only by events/frequency-windows. */
import schema from './schema.json';

export default { schema };
