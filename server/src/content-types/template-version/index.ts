/* Template version content type (internal): the state of a template before one of its saves. */
import schema from './schema.json';

export default { schema };
