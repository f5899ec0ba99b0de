import type { Check, CheckContext } from '../context.js';
import { diagnostic } from '../context.js';
import { bashMultiLine } from '../parse.js';
import type { Diagnostic, EnvEntry, EnvNode, TextEdit } from '../types.js';
import { referencedNames } from './substitution-key.js';

/** Code-unit order, as dotenv-linter sorts (`B` before `a`). */
const before = (a: string, b: string): boolean => a < b;

interface Group {
  /** Node indexes, first to last (entries and the comments between them). */
  from: number;
  to: number;
  entries: EnvEntry[];
}

/**
 * Groups as dotenv-linter forms them: a blank line, or an entry that refers (`$NAME`) to a name set
 * earlier in the group, ends one (that entry stays where it is, in no group); comments stay inside.
 */
function groups(nodes: EnvNode[], text: string): Group[] {
  const out: Group[] = [];
  let cur: Group | undefined;
  let names = new Set<string>();
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as EnvNode;
    if (n.type === 'blank') {
      cur = undefined;
      continue;
    }
    if (n.type === 'entry' && cur && referencedNames(n, text).some((r) => names.has(r))) {
      // it must stay below what it refers to: it closes the group and belongs to none (dotenv-linter's way)
      cur = undefined;
      continue;
    }
    if (!cur) {
      cur = { from: i, to: i, entries: [] };
      names = new Set();
      out.push(cur);
    }
    cur.to = i;
    if (n.type === 'entry') {
      cur.entries.push(n);
      names.add(n.key);
    }
  }
  return out;
}

/**
 * The group sorted, as one edit: each entry moves with the comments right above it; line breaks stay
 * where they were. Only when certain: single-line entries and comments only, no `$` or backquote in
 * a value (a reference could resolve differently), no name set twice in the file, nothing a reader
 * sets outside the entries, no multi-line bash command.
 */
function sortedGroup(ctx: CheckContext, g: Group, nodes: EnvNode[], counts: Map<string, number>, joined: boolean[] | undefined): TextEdit | undefined {
  const blocks: { key: string; lines: string[] }[] = [];
  let pending: string[] = [];
  const eols: string[] = [];
  for (let i = g.from; i <= g.to; i++) {
    const n = nodes[i] as EnvNode;
    if (n.type === 'error' || n.endLine !== n.line || joined?.[i]) return undefined;
    eols.push(n.eol);
    if (n.type === 'comment') {
      pending.push(n.raw);
      continue;
    }
    if (n.type !== 'entry') return undefined;
    const value = ctx.text.slice(n.valueStart, n.valueEnd);
    if (value.includes('$') || value.includes('`') || counts.get(n.key) !== 1) return undefined;
    blocks.push({ key: n.key, lines: [...pending, n.raw] });
    pending = [];
  }
  // trailing comments stay at the end of the group
  const first = nodes[g.from] as EnvNode;
  const last = nodes[g.to] as EnvNode;
  if ((ctx.doc?.readerOnly ?? []).some((a) => a.offset >= first.start && a.offset <= last.end)) return undefined;
  const sorted = [...blocks].sort((a, b) => (before(a.key, b.key) ? -1 : before(b.key, a.key) ? 1 : 0));
  const lines = [...sorted.flatMap((b) => b.lines), ...pending];
  let text = '';
  lines.forEach((l, k) => {
    text += l + (k < lines.length - 1 ? (eols[k] as string) : '');
  });
  return { start: first.start, end: last.end, text };
}

export const unorderedKey: Check = {
  id: 'unordered-key',
  kind: 'style',
  description: 'Names not in alphabetical order within a group (groups are separated by blank lines).',
  fixable: true,
  optIn: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    const nodes = ctx.doc?.nodes ?? [];
    const counts = new Map<string, number>();
    for (const n of nodes) if (n.type === 'entry') counts.set(n.key, (counts.get(n.key) ?? 0) + 1);
    const joined = ctx.readers.includes('bash') ? bashMultiLine(nodes) : undefined;
    for (const g of groups(nodes, ctx.text)) {
      let edit: TextEdit | null | undefined = null;
      // the group's names so far, sorted (binary-search insertion): an entry is out of order when a
      // name above it sorts after it, and the message names the first such name, as dotenv-linter does
      const seen: string[] = [];
      for (const e of g.entries) {
        let lo = 0;
        let hi = seen.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (before(e.key, seen[mid] as string)) hi = mid;
          else lo = mid + 1;
        }
        const next = seen[lo];
        seen.splice(lo, 0, e.key);
        if (next === undefined) continue;
        if (edit === null) edit = sortedGroup(ctx, g, nodes, counts, joined);
        out.push(diagnostic(ctx, 'unordered-key', 'warning', e.keyStart, e.keyEnd, `The ${e.key} key should go before the ${next} key.`, undefined, edit));
      }
    }
    return out;
  },
};
