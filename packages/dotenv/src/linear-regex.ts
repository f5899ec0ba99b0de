/**
 * A linear-time regular-expression matcher for patterns from a user's `--schema` file: JavaScript's
 * backtracking RegExp can take exponential time on `(a+)+$`, and a schema must not be able to hang a
 * commit hook. The pattern is compiled to a Thompson NFA and simulated over the value (Pike VM):
 * O(length of value × size of program) steps, whatever the pattern. The syntax is the subset Rust's
 * `regex` crate (which dotenv-linter uses) shares with JavaScript — no backreferences, no look-around:
 * literals, `.`, classes `[a-z]` `[^…]`, `\d \w \s \D \W \S`, escapes, `^ $`, groups `( )` `(?: )`,
 * `|`, and `* + ? {n} {n,} {n,m}` (lazy forms accepted; they do not change whether a value matches).
 * Like Rust's `is_match`, a pattern matches anywhere in the value unless anchored.
 */

type Pred = (cp: number) => boolean;
type Inst = { op: 'char'; pred: Pred } | { op: 'split'; x: number; y: number } | { op: 'jmp'; x: number } | { op: 'bol' } | { op: 'eol' } | { op: 'match' };

type Node =
  | { t: 'char'; pred: Pred }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number } // max = Infinity for unbounded
  | { t: 'bol' }
  | { t: 'eol' };

/** The largest program a pattern may compile to (counted repetitions are expanded). */
export const MAX_PROGRAM = 5000;

export class RegexSyntaxError extends Error {}

const isDigit: Pred = (c) => c >= 48 && c <= 57;
const isWord: Pred = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: Pred = (c) => c === 32 || (c >= 9 && c <= 13);
const not =
  (p: Pred): Pred =>
  (c) =>
    !p(c);

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  fail(msg: string): never {
    throw new RegexSyntaxError(`${msg} at position ${this.i} of /${this.s}/`);
  }
  peek(): string | undefined {
    return this.s[this.i];
  }
  parseAlt(depth: number): Node {
    if (depth > 100) this.fail('groups nested too deeply');
    const items = [this.parseCat(depth)];
    while (this.peek() === '|') {
      this.i++;
      items.push(this.parseCat(depth));
    }
    return items.length === 1 ? (items[0] as Node) : { t: 'alt', items };
  }
  parseCat(depth: number): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) items.push(this.parseRepeat(depth));
    return { t: 'cat', items };
  }
  parseRepeat(depth: number): Node {
    let node = this.parseAtom(depth);
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.s.slice(this.i, this.i + 24))) {
        const close = this.s.indexOf('}', this.i);
        const [a, b] = this.s.slice(this.i + 1, close).split(',');
        min = Number(a);
        max = b === undefined ? min : b === '' ? Infinity : Number(b);
        if (max < min) this.fail('a repetition {n,m} with m < n');
        if (min > 1000 || (max !== Infinity && max > 1000)) this.fail('a repetition count over 1000');
        this.i = close;
      } else return node;
      if (node.t === 'bol' || node.t === 'eol') this.fail('a repeated anchor');
      this.i++;
      if (this.peek() === '?') this.i++; // lazy: same language
      node = { t: 'rep', node, min, max };
    }
  }
  parseAtom(depth: number): Node {
    const c = this.s[this.i++];
    switch (c) {
      case '(': {
        if (this.peek() === '?') {
          const rest = this.s.slice(this.i, this.i + 3);
          if (rest.startsWith('?:')) this.i += 2;
          else if (/^\?P?<[A-Za-z_]/.test(this.s.slice(this.i, this.i + 4)) && !rest.startsWith('?<=') && !rest.startsWith('?<!')) {
            const close = this.s.indexOf('>', this.i);
            if (close < 0) this.fail('an unterminated group name');
            this.i = close + 1;
          } else this.fail('look-around, flags and other `(?` groups are not supported (credlint runs schema patterns in linear time)');
        }
        const inner = this.parseAlt(depth + 1);
        if (this.s[this.i++] !== ')') this.fail('a missing `)`');
        return inner;
      }
      case ')':
        return this.fail('an unmatched `)`');
      case '*':
      case '+':
      case '?':
        return this.fail(`nothing to repeat before \`${c}\``);
      case '^':
        return { t: 'bol' };
      case '$':
        return { t: 'eol' };
      case '.':
        return { t: 'char', pred: (x) => x !== 10 };
      case '[':
        return { t: 'char', pred: this.parseClass() };
      case '\\':
        return { t: 'char', pred: this.parseEscape(false) };
      case undefined:
        return this.fail('an unexpected end');
      default: {
        const cp = c.codePointAt(0) as number;
        // a surrogate pair is one character
        if (cp >= 0xd800 && cp <= 0xdbff && this.i < this.s.length) {
          const full = this.s.codePointAt(this.i - 1) as number;
          this.i++;
          return { t: 'char', pred: (x) => x === full };
        }
        return { t: 'char', pred: (x) => x === cp };
      }
    }
  }
  parseEscape(inClass: boolean): Pred {
    const c = this.s[this.i++];
    switch (c) {
      case 'd':
        return isDigit;
      case 'D':
        return not(isDigit);
      case 'w':
        return isWord;
      case 'W':
        return not(isWord);
      case 's':
        return isSpace;
      case 'S':
        return not(isSpace);
      case 'n':
        return (x) => x === 10;
      case 'r':
        return (x) => x === 13;
      case 't':
        return (x) => x === 9;
      case undefined:
        return this.fail('a trailing backslash');
      default:
        if (/[0-9]/.test(c) && !inClass) this.fail('backreferences are not supported (credlint runs schema patterns in linear time)');
        if (/[A-Za-z0-9]/.test(c)) this.fail(`the escape \\${c} is not supported`);
        {
          const cp = c.codePointAt(0) as number;
          return (x) => x === cp;
        }
    }
  }
  classAtom(): { pred: Pred; cp?: number } {
    const c = this.s[this.i];
    if (c === undefined) this.fail('an unterminated `[`');
    if (c === '\\') {
      this.i++;
      const e = this.s[this.i];
      const pred = this.parseEscape(true);
      return e !== undefined && 'dDwWsS'.includes(e) ? { pred } : { pred, cp: e === 'n' ? 10 : e === 'r' ? 13 : e === 't' ? 9 : (e?.codePointAt(0) ?? 0) };
    }
    const cp = this.s.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return { pred: (x) => x === cp, cp };
  }
  parseClass(): Pred {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    const preds: Pred[] = [];
    let first = true;
    while (this.peek() !== ']' || first) {
      first = false;
      const a = this.classAtom();
      if (this.peek() === '-' && this.s[this.i + 1] !== ']' && this.s[this.i + 1] !== undefined) {
        this.i++;
        const b = this.classAtom();
        if (a.cp === undefined || b.cp === undefined || b.cp < a.cp) this.fail('an invalid class range');
        const [lo, hi] = [a.cp, b.cp];
        preds.push((x) => x >= lo && x <= hi);
      } else preds.push(a.pred);
    }
    this.i++;
    return negate ? (x) => !preds.some((p) => p(x)) : (x) => preds.some((p) => p(x));
  }
}

function emit(node: Node, prog: Inst[]): void {
  if (prog.length > MAX_PROGRAM) throw new RegexSyntaxError(`the pattern is too large (over ${MAX_PROGRAM} steps once repetitions are expanded)`);
  switch (node.t) {
    case 'char':
      prog.push({ op: 'char', pred: node.pred });
      return;
    case 'bol':
      prog.push({ op: 'bol' });
      return;
    case 'eol':
      prog.push({ op: 'eol' });
      return;
    case 'cat':
      for (const n of node.items) emit(n, prog);
      return;
    case 'alt': {
      const jumps: Inst[] = [];
      node.items.forEach((n, k) => {
        if (k < node.items.length - 1) {
          const split: Inst = { op: 'split', x: prog.length + 1, y: -1 };
          prog.push(split);
          emit(n, prog);
          const j: Inst = { op: 'jmp', x: -1 };
          prog.push(j);
          jumps.push(j);
          split.y = prog.length;
        } else emit(n, prog);
      });
      for (const j of jumps) if (j.op === 'jmp') j.x = prog.length;
      return;
    }
    case 'rep': {
      for (let k = 0; k < node.min; k++) emit(node.node, prog);
      if (node.max === Infinity) {
        const split: Inst = { op: 'split', x: prog.length + 1, y: -1 };
        const at = prog.length;
        prog.push(split);
        emit(node.node, prog);
        prog.push({ op: 'jmp', x: at });
        split.y = prog.length;
        return;
      }
      const splits: Inst[] = [];
      for (let k = node.min; k < node.max; k++) {
        const split: Inst = { op: 'split', x: prog.length + 1, y: -1 };
        prog.push(split);
        splits.push(split);
        emit(node.node, prog);
      }
      for (const s of splits) if (s.op === 'split') s.y = prog.length;
    }
  }
}

export interface LinearRegex {
  source: string;
  test(value: string): boolean;
  /** Steps the last `test` took (work counted, for tests: at most (value length + 1) × program size × 2). */
  lastSteps: number;
  programSize: number;
}

/** Compiles `source`; throws RegexSyntaxError for what it does not support. */
export function compileLinear(source: string): LinearRegex {
  const p = new Parser(source);
  const ast = p.parseAlt(0);
  if (p.i < source.length) p.fail('an unmatched `)`');
  const prog: Inst[] = [];
  emit(ast, prog);
  prog.push({ op: 'match' });
  const n = prog.length;
  const re: LinearRegex = {
    source,
    programSize: n,
    lastSteps: 0,
    test(value: string): boolean {
      const cps: number[] = [];
      for (const ch of value) cps.push(ch.codePointAt(0) as number);
      let steps = 0;
      // sparse sets of program counters; `seen` marks by generation to avoid clearing
      let clist: number[] = [];
      const seen = new Int32Array(n).fill(-1);
      let gen = 0;
      const add = (list: number[], pc: number, pos: number): boolean => {
        // iterative closure over split/jmp/assertions
        const stack = [pc];
        while (stack.length > 0) {
          const at = stack.pop() as number;
          if (seen[at] === gen) continue;
          seen[at] = gen;
          steps++;
          const inst = prog[at] as Inst;
          if (inst.op === 'jmp') stack.push(inst.x);
          else if (inst.op === 'split') stack.push(inst.y, inst.x);
          else if (inst.op === 'bol') {
            if (pos === 0) stack.push(at + 1);
          } else if (inst.op === 'eol') {
            if (pos === cps.length) stack.push(at + 1);
          } else if (inst.op === 'match') return true;
          else list.push(at);
        }
        return false;
      };
      for (let pos = 0; pos <= cps.length; pos++) {
        gen++;
        // unanchored: a new thread may start at every position
        const carried = clist;
        clist = [];
        for (const pc of carried) if (add(clist, pc, pos)) return ((re.lastSteps = steps), true);
        if (add(clist, 0, pos)) return ((re.lastSteps = steps), true);
        if (pos === cps.length) break;
        const cp = cps[pos] as number;
        const nlist: number[] = [];
        for (const pc of clist) {
          steps++;
          const inst = prog[pc] as Inst;
          if (inst.op === 'char' && inst.pred(cp)) nlist.push(pc + 1);
        }
        clist = nlist;
      }
      re.lastSteps = steps;
      return false;
    },
  };
  return re;
}
