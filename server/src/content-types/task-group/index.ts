/* Task group content type (internal): a name, a strategy and an ordered list of mailbox ids. */
import schema from './schema.json';

export default { schema };
