/* SMTP event action run content type (internal); written only by events/action-run-repository. */
import schema from './schema.json';

export default { schema };
