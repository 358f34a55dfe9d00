/*
 * The small HTML pages of the unsubscribe link: the confirmation (its button POSTs; opening the link
 * records nothing, since mail scanners follow links), the "done" page and the refusal of a bad link.
 * Pure: strings in, escaped HTML out; no scripts, no outside resources.
 */

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#32324d}h1{font-size:1.4rem}button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#4945ff;color:#fff;cursor:pointer}</style>
</head><body>${body}</body></html>`;
}

/** GET: who and what, and a button that POSTs the one-click body to the same address. */
export function confirmationPage(address: string, label: string): string {
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe</h1><p>Stop sending ${escape(label)} to <strong>${escape(address)}</strong>?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );
}

/** After the POST. */
export function donePage(address: string, label: string): string {
  return page('Unsubscribed', `<h1>You are unsubscribed</h1><p><strong>${escape(address)}</strong> will no longer receive ${escape(label)}.</p>`);
}

/** A link that was altered or cut off. */
export function refusedPage(message: string): string {
  return page('Link not valid', `<h1>This link is not valid</h1><p>${escape(message)}</p>`);
}
