import type { Check } from '../context.js';
import { diagnostic, entriesOf } from '../context.js';
import { bashMultiLine } from '../parse.js';
import type { Diagnostic } from '../types.js';
import { referencedNames } from './substitution-key.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const keyWithoutValue: Check = {
  id: 'key-without-value',
  kind: 'style',
  description: 'A line without `=` (`FOO`, `export FOO`, `KEY: value`): most readers skip it, bash runs it as a command.',
  fixable: true,
  optIn: true,
  run(ctx) {
    const out: Diagnostic[] = [];
    const nodes = ctx.doc?.nodes ?? [];
    const es = entriesOf(ctx);
    let joined: boolean[] | undefined;
    let setOrUsed: Set<string> | undefined;
    let open: boolean | undefined;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (n?.type !== 'error') continue;
      const lead = n.raw.length - n.raw.trimStart().length;
      let word = n.raw.trim();
      let at = n.start + lead;
      const exp = /^export[ \t]+/.exec(word);
      if (exp) {
        word = word.slice(exp[0].length);
        at += exp[0].length;
      }
      // as dotenv-linter: any line without `=` that is not blank or a comment; named by its first word
      if (word === '' || n.raw.includes('=')) continue;
      const single = !/[\s#]/.test(word);
      if (!single) word = word.split(/[ \t#]/)[0] ?? word;
      // `FOO` → `FOO=`: certain only for a plain name nothing else in the file sets or reads (a later
      // `${FOO}` would change for python-dotenv, which reads `FOO` alone as "no value"), outside a
      // multi-line bash command.
      if (!setOrUsed) {
        setOrUsed = new Set<string>();
        for (const e of es) {
          setOrUsed.add(e.key);
          for (const r of referencedNames(e, ctx.text)) setOrUsed.add(r);
        }
      }
      if (ctx.readers.includes('bash')) joined ??= bashMultiLine(nodes);
      // a quote left open anywhere makes where lines start depend on the reader
      open ??= es.some((e) => e.unterminated === true);
      const certain = single && !open && NAME.test(word) && !setOrUsed.has(word) && !joined?.[i] && !(i > 0 && joined?.[i - 1]);
      const end = at + word.length;
      const message = `The ${word} key should be with a value or have an equal sign: dotenv, Node and Compose skip the line, python-dotenv reads it as "no value", bash runs it as a command.`;
      out.push(diagnostic(ctx, 'key-without-value', 'warning', at, end, message, undefined, certain ? { start: end, end, text: '=' } : undefined));
    }
    // `KEY: value` (read by dotenv and Compose only) has no `=` either
    for (const e of es) {
      if (e.separator !== ':') continue;
      const message = `The ${e.key} key should be with a value or have an equal sign: \`${e.key}: value\` is YAML; only dotenv and Compose read it.`;
      out.push(diagnostic(ctx, 'key-without-value', 'warning', e.keyStart, e.keyEnd, message));
    }
    return out.sort((a, b) => a.start - b.start);
  },
};
