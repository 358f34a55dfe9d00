/* The record rule the firing tests share ("RMA stage changed to authorized → mail the customer") and the firing rows they read. */

export const AUTHORISED_RULE = {
  name: 'RMA authorised: tell the customer',
  category: 'rma',
  trigger: { type: 'record', contentType: 'api::rma.rma', events: ['update'] },
  conditions: { all: [{ field: 'stage', op: 'changedTo', value: 'authorized' }] },
  recipients: { to: [{ path: 'customer.email' }] },
  template: { subject: 'RMA {{record.number}} is authorised', text: 'RMA {{record.number}} moved from {{changes.stage.from}} to {{changes.stage.to}}.' },
};

/** The record firings of one record (pending until their notification is queued, then done). */
export function recordFirings(strapi: any, recordId: string): Promise<any[]> {
  return strapi.db.query('plugin::email-notifications.rule-fire').findMany({ where: { kind: 'record', recordId } });
}
