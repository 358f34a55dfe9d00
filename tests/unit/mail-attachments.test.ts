/*
 * Attachments in nodemailer's shape (Strapi's email plugin): a path or URL is kept, content in memory
 * is left out with the reason, and options the outbox does not store are named.
 */
import { triageMailAttachments } from '../../server/src/core/delivery/mail-attachments';

describe('triageMailAttachments', () => {
  it.each<[string, unknown[], unknown[], (string | RegExp)[]]>([
    ['a file path', [{ filename: 'rma.pdf', path: '/srv/rma.pdf', contentType: 'application/pdf' }], [{ filename: 'rma.pdf', path: '/srv/rma.pdf', contentType: 'application/pdf' }], []],
    ['a URL', [{ filename: 'label.png', href: 'https://cdn.example.com/label.png' }], [{ filename: 'label.png', href: 'https://cdn.example.com/label.png' }], []],
    ['a name from the path, as nodemailer gives it', [{ path: 'C:\\files\\scan.txt' }, { href: 'https://x.example/a/b.png?sig=1' }], [{ filename: 'scan.txt', path: 'C:\\files\\scan.txt' }, { filename: 'b.png', href: 'https://x.example/a/b.png?sig=1' }], []],
    ['a numbered name when the URL has no last segment', [{ href: 'https://x.example/' }], [{ filename: 'attachment-1', href: 'https://x.example/' }], []],
    ['content in memory', [{ filename: 'note.txt', content: Buffer.from('hi') }], [], ['attachment "note.txt" left out: its content is held in memory, and the outbox stores only a file path or an http(s) URL']],
    ['raw MIME, which nodemailer prefers to a path', [{ filename: 'r.eml', raw: 'x', path: '/srv/r.eml' }], [], [/"r.eml" left out: its content is held in memory/]],
    ['a path, which nodemailer prefers to content', [{ filename: 'a.txt', path: '/srv/a.txt', content: 'x' }], [{ filename: 'a.txt', path: '/srv/a.txt' }], [/"a.txt" queued without its content:/]],
    ['a data: URL', [{ filename: 'd.txt', href: 'data:text/plain;base64,aGk=' }], [], ['attachment "d.txt" left out: href must be an http(s) URL']],
    ['an inline image, without its cid', [{ filename: 'logo.png', path: '/srv/logo.png', cid: 'logo', contentDisposition: 'inline' }], [{ filename: 'logo.png', path: '/srv/logo.png' }], ['attachment "logo.png" queued without its cid, contentDisposition: the outbox stores only the file name, content type and path or URL']],
    ['something that is not an attachment', ['/srv/a.txt'], [], ['attachment 1 left out: it is not an attachment object']],
  ])('%s', (_name, input, kept, lost) => {
    const triage = triageMailAttachments(input);
    expect(triage.kept).toEqual(kept);
    expect(triage.lost).toEqual(lost.map((l) => (typeof l === 'string' ? l : expect.stringMatching(l))));
  });

  it('keeps at most 20 attachments, naming the ones left out', () => {
    const files = Array.from({ length: 22 }, (_, i) => ({ path: `/srv/f${i}.txt` }));
    const triage = triageMailAttachments(files);
    expect(triage.kept.map((a) => a.filename)).toEqual(files.slice(0, 20).map((_, i) => `f${i}.txt`));
    expect(triage.lost).toEqual(['f20.txt', 'f21.txt'].map((n) => `attachment "${n}" left out: a message carries at most 20 attachments`));
  });
});
