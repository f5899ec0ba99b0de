/**
 * `~/.aws/credentials` and `~/.aws/config`: INI as the AWS CLI (botocore) and the SDKs read it.
 * `config` names profiles `[profile name]` (and `[default]`), `[sso-session name]`, `[services name]`;
 * `credentials` names them `[name]`. `#` and `;` start comment lines; a value may continue on indented
 * lines (nested settings such as `s3 =` sub-sections), which are kept as part of the entry.
 */
export interface AwsSharedEntry {
  key: string;
  value: string;
  line: number;
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

export interface AwsSection {
  header: string;
  type: 'profile' | 'sso-session' | 'services' | 'default' | 'other';
  name: string;
  line: number;
  start: number;
  end: number;
  entries: AwsSharedEntry[];
}

export interface AwsSharedDocument {
  kind: 'credentials' | 'config';
  sections: AwsSection[];
  errors: { message: string; line: number; start: number; end: number }[];
}

function sectionOf(header: string, kind: 'credentials' | 'config'): { type: AwsSection['type']; name: string } {
  const h = header.trim();
  if (h === 'default') return { type: 'default', name: 'default' };
  // `\S` after the spaces: `\s+` and the name cannot trade characters, so no backtracking (h is trimmed).
  const m = /^(profile|sso-session|services)\s+(\S.*)$/.exec(h);
  if (m) {
    const name = (m[2] ?? '').trim();
    if (m[1] === 'profile') {
      // `[profile default]` is the default profile in config; in credentials the prefix is not used.
      return kind === 'config' ? { type: name === 'default' ? 'default' : 'profile', name } : { type: 'other', name: h };
    }
    return { type: m[1] as 'sso-session' | 'services', name };
  }
  // In config, a bare `[name]` other than default is not a profile (the CLI ignores it).
  return kind === 'credentials' ? { type: 'profile', name: h } : { type: 'other', name: h };
}

export function parseAwsShared(text: string, options: { kind: 'credentials' | 'config'; filename?: string }): AwsSharedDocument {
  const doc: AwsSharedDocument = { kind: options.kind, sections: [], errors: [] };
  let current: AwsSection | undefined;
  let last: AwsSharedEntry | undefined;
  const re = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  let line = 0;
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  re.lastIndex = offset;
  while (offset < text.length) {
    re.lastIndex = offset;
    const m = re.exec(text);
    if (!m) break;
    line++;
    const t = m[1] ?? '';
    const start = offset;
    const end = start + t.length;
    offset = end + (m[2] ?? '').length;
    if (m[0].length === 0) break;
    const trimmed = t.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (trimmed.startsWith('[')) {
      const close = trimmed.indexOf(']');
      if (close < 0) {
        doc.errors.push({ message: 'section header without `]`', line, start, end });
        current = undefined;
        continue;
      }
      const header = trimmed.slice(1, close);
      const { type, name } = sectionOf(header, options.kind);
      current = { header, type, name, line, start, end, entries: [] };
      doc.sections.push(current);
      last = undefined;
      continue;
    }
    if (/^[ \t]/.test(t) && last) {
      // continuation / nested setting: extends the previous entry
      last.end = end;
      continue;
    }
    const eq = t.indexOf('=');
    if (eq < 0) {
      doc.errors.push({ message: 'not a `key = value` line', line, start, end });
      continue;
    }
    if (!current) {
      doc.errors.push({ message: 'setting outside any [section]', line, start, end });
      continue;
    }
    const key = t.slice(0, eq).trim();
    let vs = eq + 1;
    while (t[vs] === ' ' || t[vs] === '\t') vs++;
    let ve = t.length;
    // botocore reads the value to the end of the line: no inline comments.
    while (ve > vs && (t[ve - 1] === ' ' || t[ve - 1] === '\t')) ve--;
    last = { key, value: t.slice(vs, ve), line, start, end, valueStart: start + vs, valueEnd: start + ve };
    current.entries.push(last);
    current.end = end;
  }
  for (const s of doc.sections) {
    const lastEntry = s.entries[s.entries.length - 1];
    s.end = Math.max(s.end, lastEntry ? lastEntry.end : s.end);
  }
  return doc;
}

/** The profile a section names, as `AWS_PROFILE` would name it (`undefined` for non-profile sections). */
export function profileName(section: AwsSection): string | undefined {
  return section.type === 'profile' || section.type === 'default' ? section.name : undefined;
}
