/*
 * MJML to HTML. `{{ … }}` placeholders pass through MJML untouched and are filled per message later,
 * so a template is compiled once per version. Includes are off: a template must never read files
 * from the server (mj-include path traversal).
 */
import mjml2html from 'mjml';

export interface MjmlOutput {
  html: string;
  errors: { line: number; message: string }[];
}

export async function compileMjml(source: string): Promise<MjmlOutput> {
  try {
    const result = await mjml2html(source, { validationLevel: 'soft', ignoreIncludes: true, keepComments: false });
    return { html: result.html, errors: (result.errors ?? []).map((e: { line: number; message: string }) => ({ line: e.line, message: e.message })) };
  } catch (error) {
    // mjml throws on documents it cannot parse at all (no <mjml> root, broken tags).
    const message = (error as Error).message;
    return { html: '', errors: [{ line: Number(/line (\d+)/i.exec(message)?.[1] ?? 1), message }] };
  }
}
