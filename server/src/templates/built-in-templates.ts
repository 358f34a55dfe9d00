/*
 * The templates every installation starts with. They are created at start-up when missing, may be
 * edited like any other, and "restore default" puts these sources back. Short on purpose: a
 * notification says what happened and links to the record; it is not a report.
 */
import type { TemplateInput } from '../core/templates/template-input';

export const MASTER_LAYOUT = 'master';

const button = (href: string, label: string) =>
  `<mj-button href="${href}" background-color="#4945ff" border-radius="4px" font-size="14px" align="left">${label}</mj-button>`;

export const BUILT_IN_TEMPLATES: Record<string, TemplateInput> = {
  [MASTER_LAYOUT]: {
    name: MASTER_LAYOUT,
    category: 'layout',
    description: 'The master layout: the brand header and the footer around every email.',
    brandName: null,
    logoUrl: null,
    footer: 'This is an automatic notification. Please do not reply to this email.',
    mjml: `<mjml>
  <mj-head>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="14px" line-height="1.5" color="#32324d" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f6f6f9">
    <mj-section padding="20px 0 8px">
      <mj-column>
        {{#if layout.logoUrl}}<mj-image src="{{layout.logoUrl}}" alt="{{layout.brandName}}" width="120px" align="left" padding="0 25px" />{{/if}}
        <mj-text font-size="18px" font-weight="bold">{{#if layout.brandName}}{{layout.brandName}}{{else}}{{site.name}}{{/if}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-wrapper background-color="#ffffff" padding="8px 0" border-radius="4px">
{{> content}}
    </mj-wrapper>
    <mj-section>
      <mj-column>
        <mj-text font-size="12px" color="#666687">{{layout.footer}}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`,
  },
  'record-changed': {
    name: 'record-changed',
    category: 'record',
    description: 'A record was created, changed or deleted (works for any content type).',
    subject: '{{contentType.displayName}} {{record.title}}: {{rule.name}}',
    mjml: `<mj-section>
  <mj-column>
    <mj-text><p>{{contentType.displayName}} <strong>{{record.title}}</strong> ({{event.type}}).</p>
{{#if changeList}}<ul>{{#each changeList}}<li>{{field}}: {{from}} → {{to}}</li>{{/each}}</ul>{{/if}}</mj-text>
    ${button('{{record.adminUrl}}', 'Open in the helpdesk')}
  </mj-column>
</mj-section>`,
  },
  digest: {
    name: 'digest',
    category: 'digest',
    description: 'A scheduled list of matching records (works for any content type).',
    subject: '{{rule.name}}: {{count}} {{contentType.displayName}}',
    mjml: `<mj-section>
  <mj-column>
    <mj-text><p>{{count}} {{contentType.displayName}} match "{{rule.name}}" on {{now.date}}.</p></mj-text>
    <mj-table>{{#each records}}<tr><td style="padding:4px 0"><a href="{{adminUrl}}">{{title}}</a></td></tr>{{/each}}</mj-table>
    {{#if more}}<mj-text><p>…and {{more}} more.</p></mj-text>{{/if}}
  </mj-column>
</mj-section>`,
  },
  'time-exceeded': {
    name: 'time-exceeded',
    category: 'time',
    description: 'A time condition was exceeded, e.g. the turn-around time of an RMA (works for any content type).',
    subject: '{{contentType.displayName}} {{record.title}} is overdue',
    mjml: `<mj-section>
  <mj-column>
    <mj-text><p>{{contentType.displayName}} <strong>{{record.title}}</strong> has been overdue since {{due.at}} ({{due.overdueHours}} h).</p></mj-text>
    ${button('{{record.adminUrl}}', 'Open in the helpdesk')}
  </mj-column>
</mj-section>`,
  },
  'smtp-failure-alert': {
    name: 'smtp-failure-alert',
    category: 'smtp-alert',
    description: 'Tells the admins that a mailbox is failing.',
    subject: '[{{site.name}}] {{#if alert.test}}[TEST] {{/if}}{{alert.event}}: {{alert.mailbox}}',
    mjml: `<mj-section>
  <mj-column>
    <mj-text>{{#if alert.test}}<p><strong>This is a test event</strong> fired from the admin; nothing failed.</p>{{/if}}
<p><strong>{{alert.event}}</strong> on mailbox {{alert.mailbox}} ({{alert.host}}:{{alert.port}}) at {{alert.at}}{{#if alert.folded.count}}, and {{alert.folded.count}} more since {{alert.folded.since}} (first {{alert.folded.first}}, last {{alert.folded.last}}){{/if}}.</p>
<p>{{alert.error}}</p>{{#if alert.response}}<p>Server answer: {{alert.response}}</p>{{/if}}
{{#if alert.customerEmail}}<p>Recipient: {{alert.customerEmail}}{{#if alert.subject}}, message "{{alert.subject}}"{{/if}}</p>{{/if}}
{{#if rule.name}}<p>Event rule: {{rule.name}}</p>{{/if}}</mj-text>
    ${button('{{site.adminUrl}}/plugins/email-notifications', 'Open the mail log')}
  </mj-column>
</mj-section>`,
  },
  'test-email': {
    name: 'test-email',
    category: 'test',
    description: 'The test email sent from a mailbox\'s "Send test email".',
    subject: 'Test email from {{site.name}} via {{mailbox.name}}',
    mjml: `<mj-section>
  <mj-column>
    <mj-text><p>This test email was sent through the mailbox <strong>{{mailbox.name}}</strong> ({{mailbox.fromAddress}}) on {{now.dateTime}} ({{now.timezone}}).</p>
<p>If you can read it, the mailbox works.</p></mj-text>
  </mj-column>
</mj-section>`,
  },
};
