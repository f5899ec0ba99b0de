import fc from 'fast-check';

/** Names the generator uses (bash reports only these). Includes names only some readers accept. */
export const GEN_KEYS = ['K', 'L', 'A_1', 'a.b', 'K-Y', '1X', 'exportK'];
export const BASH_KEYS = ['K', 'L', 'A_1', 'exportK'];

/** Characters that make readers disagree; no shell operators (bash must not run anything). */
const VALUE_CHARS = ['a', 'b', 'x', 'n', ' ', ' ', '\t', '#', '"', "'", '`', '\\', '$', '{', '}', '=', ':', '-', '*', ',', '1', 'K', 'é'];

const piece = fc.constantFrom(...VALUE_CHARS);
const plain = fc.array(piece, { maxLength: 10 }).map((a) => a.join(''));

const quoted = fc
  .tuple(fc.constantFrom('"', "'", '`'), plain, fc.constantFrom(true, true, true, false), fc.constantFrom('', ' ', '  ', ' # c', '#c', '\t# c', ' x'))
  .map(([q, inner, close, suffix]) => `${q}${inner}${close ? q : ''}${close ? suffix : ''}`);

const value = fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: quoted }, { weight: 1, arbitrary: fc.constantFrom('${K}', '$K', '${L:-d}', '"${K}x"', "'${K}'", '$$', 'a\\nb', '"a\\nb"', '"a\\"b"', "'a\\'b'") });

/** One line: leading blanks, optional export, a name, `=` with optional blanks, a value, trailing blanks. */
export const line = fc
  .tuple(
    fc.constantFrom('', '', ' ', '\t'),
    fc.constantFrom('', '', '', 'export ', 'export  '),
    fc.constantFrom(...GEN_KEYS),
    fc.constantFrom('=', '=', '=', ' = ', '= ', ' =', ': '),
    value,
    fc.constantFrom('', '', '', ' ', '  ', '\t'),
  )
  .map((parts) => parts.join(''));

const otherLine = fc.constantFrom('', '# comment', '  # indented comment', '   ', 'NOEQUALS');

/** A small file: lines joined by one kind of line break, maybe without a final one. */
export const file = fc
  .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: otherLine }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\n', '\r\n'), fc.boolean())
  .map(([lines, eol, final]) => lines.join(eol) + (final ? eol : ''));
