/*
 * A unified diff in a monospace block: added lines green, removed lines red, hunk headers muted.
 * Presentational; the patch text comes from the server.
 */
import { styled } from 'styled-components';

const Block = styled.pre`
  margin: 0;
  max-height: 40rem;
  overflow: auto;
  padding: ${({ theme }) => theme.spaces[3]} 0;
  background: ${({ theme }) => theme.colors.neutral100};
  border-radius: ${({ theme }) => theme.borderRadius};
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.2rem;
  line-height: 1.5;
`;

type Kind = 'added' | 'removed' | 'meta' | 'same';

const Line = styled.span<{ $kind: Kind }>`
  display: block;
  padding: 0 ${({ theme }) => theme.spaces[3]};
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  color: ${({ theme, $kind }) =>
    $kind === 'added' ? theme.colors.success700 : $kind === 'removed' ? theme.colors.danger700 : $kind === 'meta' ? theme.colors.neutral500 : theme.colors.neutral800};
  background: ${({ theme, $kind }) => ($kind === 'added' ? theme.colors.success100 : $kind === 'removed' ? theme.colors.danger100 : 'transparent')};
`;

/** The file headers before the first hunk, hunk headers and "\ No newline" notes are meta; in hunks the first character tells. */
function classify(patch: string): { line: string; kind: Kind }[] {
  let inHunk = false;
  return patch
    .replace(/\n$/, '')
    .split('\n')
    .map((line): { line: string; kind: Kind } => {
      if (line.startsWith('@@')) inHunk = true;
      if (!inHunk || line.startsWith('@@') || line.startsWith('\\')) return { line, kind: 'meta' };
      return { line, kind: line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : 'same' };
    });
}

export const DiffView = ({ patch }: { patch: string }) => (
  <Block data-testid="template-diff">
    {classify(patch).map(({ line, kind }, index) => (
      <Line key={index} $kind={kind} data-kind={kind}>
        {line || ' '}
      </Line>
    ))}
  </Block>
);
