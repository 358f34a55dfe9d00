/*
 * Which relations and media fields a condition tree needs read before it can be evaluated, and
 * whether a field can be evaluated with what was read. Pure walks over the tree and the content
 * model; reading the record is the rule engine's.
 */
import type { ContentModel } from '../schema/content-model';
import { CHANGE_OPS, type Condition } from './condition-tree';

/** Relations and media are read only when populated; other attributes always come with the record. */
function needsPopulate(model: ContentModel, field: string): string | null {
  const first = field.split('.')[0]!;
  const attribute = model.attributes[first];
  return attribute && (attribute.type === 'relation' || attribute.type === 'media') ? first : null;
}

/**
 * Relations named by the conditions' field paths (`customer.email` needs `customer`); with
 * `changesOnly`, just those compared with the previous version (they must be read before the write).
 */
export function conditionRelations(tree: Condition, model: ContentModel, into: Record<string, true>, changesOnly = false): void {
  if ('all' in tree) tree.all.forEach((c) => conditionRelations(c, model, into, changesOnly));
  else if ('any' in tree) tree.any.forEach((c) => conditionRelations(c, model, into, changesOnly));
  else if ('not' in tree) conditionRelations(tree.not, model, into, changesOnly);
  else if (!changesOnly || CHANGE_OPS.has(tree.op)) {
    const relation = needsPopulate(model, tree.field);
    if (relation) into[relation] = true;
  }
}

/** Whether a condition field can be evaluated with the record as loaded (relations only when populated). */
export function loadedField(model: ContentModel, populated: Record<string, true>) {
  return (field: string) => {
    const relation = needsPopulate(model, field);
    return relation === null || Boolean(populated[relation]);
  };
}
