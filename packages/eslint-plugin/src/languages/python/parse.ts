import { LineStarts } from '../../util/lines.js';
import type { PyBinding, PyComment, PyString, PythonModule } from './ast.js';
import { tokenize, type StringToken, type Token } from './tokenizer.js';

interface Frame {
  open: string;
  kind: 'stmt' | 'call' | 'group' | 'subscript' | 'list' | 'dict';
  callee?: string;
  /** The value expression being read in this frame. */
  expr?: PyBinding;
  /** Argument index within a call. */
  arg: number;
  /** Index (into significant tokens) where the current statement / element began. */
  since: number;
  /** Whether the current element of a dict already passed its `:`. */
  afterColon: boolean;
}

const CLOSE: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
/** boto3.Session(aws_access_key_id, aws_secret_access_key, aws_session_token, …) positionally. */
const SESSION_POSITIONS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];

function contentOf(text: string, t: StringToken): string {
  return text.slice(t.contentStart, t.contentEnd);
}

/** Dotted name ending just before significant token index `at` (exclusive): `boto3.session.Session`. */
function dottedNameBefore(sig: Token[], at: number): string | undefined {
  let j = at - 1;
  const parts: string[] = [];
  while (j >= 0 && sig[j]!.type === 'name') {
    parts.unshift(sig[j]!.value);
    if (j >= 1 && sig[j - 1]!.type === 'op' && sig[j - 1]!.value === '.') j -= 2;
    else break;
  }
  return parts.length > 0 ? parts.join('.') : undefined;
}

/**
 * Builds the module: every string and comment, each string with the binding that names it.
 * Never throws: unbalanced brackets and unterminated strings are tolerated.
 */
export function parsePython(text: string): PythonModule {
  const lines = new LineStarts(text);
  const loc = (start: number, end: number) => ({ start: lines.loc(start), end: lines.loc(end) });
  const tokens = tokenize(text);
  const body: (PyString | PyComment)[] = [];
  const sig: Token[] = [];
  for (const t of tokens) {
    if (t.type === 'comment') body.push({ type: 'PyComment', value: t.value, range: [t.start, t.end], loc: loc(t.start, t.end) });
    else sig.push(t);
  }

  const stack: Frame[] = [{ open: '', kind: 'stmt', arg: 0, since: 0, afterColon: false }];
  const top = (): Frame => stack[stack.length - 1]!;
  const end = (f: Frame, at: number): void => {
    if (f.expr) f.expr.range[1] = at;
    f.expr = undefined;
  };
  const begin = (f: Frame, b: Omit<PyBinding, 'range' | 'static' | 'strings'>, start: number): void => {
    f.expr = { ...b, range: [start, start], static: true, strings: 0 };
  };
  const beginArg = (f: Frame, start: number): void => {
    if (f.kind !== 'call') return;
    const b: Omit<PyBinding, 'range' | 'static' | 'strings'> = { kind: 'positional', index: f.arg };
    if (f.callee) b.callee = f.callee;
    if (f.callee && /(^|\.)boto3(\.session)?\.Session$/.test(f.callee) && f.arg < SESSION_POSITIONS.length) b.name = SESSION_POSITIONS[f.arg];
    begin(f, b, start);
  };

  for (let k = 0; k < sig.length; k++) {
    const t = sig[k]!;
    const f = top();
    const prev = sig[k - 1];
    const next = sig[k + 1];
    if (t.type === 'newline' || (t.type === 'op' && t.value === ';')) {
      if (f.kind === 'stmt') {
        end(f, prev?.end ?? t.start);
        f.since = k + 1;
      }
      continue;
    }
    if (t.type === 'op' && t.value === '=') {
      if (f.kind === 'call' && prev?.type === 'name' && (sig[k - 2]?.value === '(' || sig[k - 2]?.value === ',') && sig[k - 2]?.type === 'op') {
        const b: Omit<PyBinding, 'range' | 'static' | 'strings'> = { kind: 'keyword', name: prev.value, nameRange: [prev.start, prev.end] };
        if (f.callee) b.callee = f.callee;
        begin(f, b, next?.start ?? t.end);
      } else if (f.kind === 'stmt') {
        const target = sig.slice(f.since, k);
        const b = assignmentTarget(text, target);
        begin(f, b, next?.start ?? t.end);
        f.since = k + 1; // chained `a = b = "…"`: the next target starts here
      }
      continue;
    }
    if (t.type === 'op' && t.value === ':' && f.kind === 'dict' && !f.afterColon) {
      f.afterColon = true;
      const key = sig.slice(f.since, k);
      const b: Omit<PyBinding, 'range' | 'static' | 'strings'> = { kind: 'dict' };
      if (key.length === 1 && key[0]!.type === 'string' && !(key[0] as StringToken).interpolated) {
        b.name = contentOf(text, key[0] as StringToken);
        b.nameRange = [key[0]!.start, key[0]!.end];
      }
      begin(f, b, next?.start ?? t.end);
      continue;
    }
    if (t.type === 'op' && t.value === ',') {
      end(f, prev?.end ?? t.start);
      if (f.kind === 'call') {
        f.arg++;
        beginArg(f, next?.start ?? t.end);
      } else if (f.kind === 'dict') {
        f.afterColon = false;
      }
      f.since = k + 1;
      continue;
    }
    if (t.type === 'op' && (t.value === '(' || t.value === '[' || t.value === '{')) {
      if (f.expr) f.expr.static = false;
      const afterValue =
        prev !== undefined && (prev.type === 'name' || prev.type === 'string' || (prev.type === 'op' && (prev.value === ')' || prev.value === ']')));
      let frame: Frame;
      if (t.value === '(') {
        frame = afterValue
          ? { open: '(', kind: 'call', arg: 0, since: k + 1, afterColon: false }
          : { open: '(', kind: 'group', arg: 0, since: k + 1, afterColon: false };
        const callee = afterValue ? dottedNameBefore(sig, k) : undefined;
        if (callee) frame.callee = callee;
      } else if (t.value === '[') {
        frame = { open: '[', kind: afterValue ? 'subscript' : 'list', arg: 0, since: k + 1, afterColon: false };
      } else {
        frame = { open: '{', kind: 'dict', arg: 0, since: k + 1, afterColon: false };
      }
      stack.push(frame);
      if (frame.kind === 'call' && !(next?.type === 'op' && next.value === ')')) beginArg(frame, next?.start ?? t.end);
      continue;
    }
    if (t.type === 'op' && CLOSE[t.value] !== undefined) {
      // Pop to the matching bracket; a stray closer is ignored.
      let j = stack.length - 1;
      while (j > 0 && stack[j]!.open !== CLOSE[t.value]) j--;
      if (j > 0) {
        while (stack.length > j) end(stack.pop()!, prev?.end ?? t.start);
      }
      continue;
    }
    if (t.type === 'string') {
      const s = t as StringToken;
      const node: PyString = {
        type: 'PyString',
        range: [s.start, s.end],
        loc: loc(s.start, s.end),
        prefix: s.prefix,
        quote: s.quote,
        triple: s.triple,
        contentRange: [s.contentStart, s.contentEnd],
        interpolated: s.interpolated,
        unterminated: s.unterminated,
      };
      if (f.expr) {
        node.binding = f.expr;
        f.expr.strings++;
        if (s.interpolated || s.unterminated) f.expr.static = false;
      }
      body.push(node);
      continue;
    }
    if (f.expr && !(t.type === 'op' && t.value === '+')) f.expr.static = false;
  }
  while (stack.length > 0) end(stack.pop()!, text.length);
  for (const s of body) if (s.type === 'PyString' && s.binding && s.binding.range[1] < s.range[1]) s.binding.range[1] = s.range[1];
  body.sort((a, b) => a.range[0] - b.range[0]);
  return { type: 'PythonModule', range: [0, text.length], loc: loc(0, text.length), body };
}

/** What an assignment's left side names: `x`, `self.x`, `x: str`, `os.environ["X"]`. */
function assignmentTarget(text: string, target: Token[]): Omit<PyBinding, 'range' | 'static' | 'strings'> {
  const first = target[0];
  const last = target[target.length - 1];
  if (first?.type === 'name' && target[1]?.type === 'op' && target[1].value === ':') {
    return { kind: 'assign', name: first.value, nameRange: [first.start, first.end] };
  }
  if (last?.type === 'op' && last.value === ']' && target.length >= 4) {
    const key = target[target.length - 2]!;
    const open = target[target.length - 3]!;
    if (key.type === 'string' && open.value === '[' && !(key as StringToken).interpolated) {
      const b: Omit<PyBinding, 'range' | 'static' | 'strings'> = {
        kind: 'subscript-assign',
        name: contentOf(text, key as StringToken),
        nameRange: [key.start, key.end],
      };
      const container = dottedNameBefore(target, target.length - 3);
      if (container) b.container = container;
      return b;
    }
  }
  if (last?.type === 'name') return { kind: 'assign', name: last.value, nameRange: [last.start, last.end] };
  return { kind: 'assign' };
}
