/* Mailbox content type (internal: hidden from the Content Manager and the Content-Type Builder). */
import schema from './schema.json';

export default { schema };
