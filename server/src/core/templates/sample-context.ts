/*
 * A made-up context that fits a shape, for previews without a chosen record: every variable gets a
 * plausible value of its type, every list two items. Pure.
 */
import type { Shape } from './variable-shape';

const SAMPLE_BY_NAME: Record<string, string> = {
  email: 'jane.doe@example.com',
  name: 'Jane Doe',
  firstname: 'Jane',
  lastname: 'Doe',
  url: 'https://helpdesk.example.com',
  adminUrl: 'https://helpdesk.example.com/admin',
  portalUrl: 'https://support.example.com',
  timezone: 'UTC',
};

function sampleValue(name: string, shape: Extract<Shape, { kind: 'value' }>, index: number, formattedNow: string): unknown {
  if (shape.enum?.length) return shape.enum[Math.min(index, shape.enum.length - 1)];
  if (Object.hasOwn(SAMPLE_BY_NAME, name)) return SAMPLE_BY_NAME[name];
  switch (shape.type) {
    case 'integer':
    case 'biginteger':
      return 42 + index;
    case 'decimal':
    case 'float':
      return 4.5 + index;
    case 'boolean':
      return true;
    case 'email':
      return index ? `customer${index}@example.com` : 'jane.doe@example.com';
    case 'date':
    case 'datetime':
    case 'timestamp':
    case 'time':
      return formattedNow;
    default:
      return `${name} ${index + 1}`;
  }
}

/** Fills `shape` with sample values; `formattedNow` is how dates are shown. */
export function sampleContext(shape: Shape, formattedNow: string, name = 'value', index = 0): unknown {
  if (shape.kind === 'value') return sampleValue(name, shape, index, formattedNow);
  if (shape.kind === 'any') return {};
  if (shape.kind === 'list') return [0, 1].map((i) => sampleContext(shape.item, formattedNow, name, i));
  // A change's "to" differs from its "from", so a preview of "moved from X to Y" reads naturally.
  return Object.fromEntries(Object.entries(shape.fields).map(([field, child]) => [field, sampleContext(child, formattedNow, field, field === 'to' ? index + 1 : index)]));
}
