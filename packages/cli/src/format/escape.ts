/**
 * Human-facing text (stylish output, notes, stderr) must not carry terminal control: a file named
 * `\e]52;…` or one with a newline in it could rewrite the terminal or forge CI log lines. C0, DEL,
 * C1, the Unicode line/paragraph separators and bidi overrides are shown as `\xNN` / `\uNNNN`.
 * JSON escapes these itself; SARIF URIs are percent-encoded (sarif.ts).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A message of several lines (git's own errors, indented with tabs): each line escaped, the line
 * breaks and tabs between them kept, so the message reads as git wrote it and still cannot forge lines.
 */
export function escapeMessage(text: string): string {
  return text
    .split('\n')
    .map((line) => line.split('\t').map(escapeControl).join('\t'))
    .join('\n');
}

/**
 * A file path as a SARIF `artifactLocation.uri`: each segment percent-encoded, so `#`, `?`, `%`, `:` and controls
 * stay literal; an absolute path (a file outside the project, see displayPath) as a `file://` URI.
 */
export function pathToUri(file: string): string {
  return (
    (file.startsWith('/') ? 'file://' : '') +
    file
      .split('/')
      .map((segment) => {
        try {
          return encodeURIComponent(segment);
        } catch {
          // A lone surrogate cannot be encoded: replace it rather than drop the result.
          return encodeURIComponent(segment.replace(/[\ud800-\udfff]/g, '\ufffd'));
        }
      })
      .join('/')
  );
}
