/*
 * The text part of a message when a template has none: derived from the compiled HTML once per
 * template version, with the `{{ … }}` placeholders kept as they are (no upper-casing of headings, no
 * line wrapping inside them), then filled per message like the HTML.
 */
import { compile } from 'html-to-text';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));

const convert = compile({
  wordwrap: false,
  selectors: [
    ...HEADINGS,
    { selector: 'img', format: 'skip' },
    { selector: 'style', format: 'skip' },
    // Tables as plain blocks: a {{#each}} between rows must stay where it is (dataTable drops text outside cells).
    { selector: 'table', format: 'block' },
    { selector: 'tbody', format: 'block' },
    { selector: 'thead', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'inlineSurround', options: { prefix: '', suffix: ' ' } },
    { selector: 'th', format: 'inlineSurround', options: { prefix: '', suffix: ' ' } },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
});

export function textFromHtml(html: string): string {
  return convert(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
