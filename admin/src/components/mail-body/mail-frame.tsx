/*
 * How the admin shows an email body, in one place: HTML only inside a sandboxed iframe (no scripts, no
 * same-origin access) with a policy that blocks remote loads (opening a mail must not ping its
 * tracking pixels), and the text part in a wrapping monospace block. Used by the mail log, the rule
 * dry run and the template preview.
 */
import * as React from 'react';
import { styled } from 'styled-components';

// Inline styles and data: images only.
const NO_REMOTE_CONTENT = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'">`;

/** The srcDoc for a mail's HTML: the remote-content policy first. */
export function mailSrcDoc(html: string | null | undefined): string {
  return NO_REMOTE_CONTENT + (html ?? '');
}

const Frame = styled.iframe<{ $height: string }>`
  width: 100%;
  height: ${({ $height }) => $height};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: #fff;
`;

/** A mail's HTML, sandboxed. */
export const MailFrame = ({ html, title, height = '36rem' }: { html: string | null | undefined; title: string; height?: string }) => (
  <Frame sandbox="" srcDoc={mailSrcDoc(html)} title={title} $height={height} />
);

/** A mail's text part. */
export const MailText = styled.pre<{ $maxHeight?: string }>`
  margin: 0;
  max-height: ${({ $maxHeight }) => $maxHeight ?? '36rem'};
  overflow: auto;
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.3rem;
  line-height: 1.6;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
`;
