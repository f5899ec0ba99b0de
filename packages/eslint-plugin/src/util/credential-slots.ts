import { isPlaceholder, type Finding } from '@credlint/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { PyBinding, PyString, PythonModule } from '../languages/python/ast.js';
import type { CredentialScan } from './credential-scan.js';
import { isAnchorSlot, slotOf as anySlotOf, strictSlotOf as slotOf, type Slot } from './names.js';
import { jsNameOf } from './node-names.js';
import { importOsInsertion } from './python-import.js';

/**
 * SDK credential slots — `{ accessKeyId: … }` beside another credential key, `new Credentials(…)`,
 * `process.env.AWS_… = …`, `const AWS_SECRET_ACCESS_KEY = …`, boto3 keyword arguments — found once
 * for both code rules. A literal there is reported once: by `no-hardcoded-credentials` when core
 * finds a credential in it (its message names the kind, masked), else by `no-static-credentials`
 * (a placeholder or split value). Either report carries the slot's suggestions below.
 */

/** Suggestion messages both rules use, so a slot's quick fixes read the same whichever rule reports. */
export const SLOT_MESSAGES = {
  useEnv: 'Read it from the environment: {{replacement}}',
  dropCredentials: "Remove the `credentials` property so the SDK's default provider chain applies",
  dropArgument: "Remove the `{{name}}` argument so boto3's default credential chain applies",
} as const;
export type SlotMessageId = keyof typeof SLOT_MESSAGES;
type Suggestion = TSESLint.SuggestionReportDescriptor<SlotMessageId>;

/** A static value in a credential slot. */
export interface SlotValue {
  /** Offsets of the whole value expression (what a suggestion replaces). */
  range: [number, number];
  slot: Slot;
  /** How the code names the slot, for the message (`accessKeyId`, `process.env.AWS_…`). */
  label: string;
  suggestions(): Suggestion[];
}

/** Calls that only transform constants: a value built from literals with these is still a literal. */
const STATIC_METHODS = new Set([
  'join',
  'reverse',
  'split',
  'toString',
  'concat',
  'slice',
  'substring',
  'substr',
  'replace',
  'replaceAll',
  'trim',
  'toUpperCase',
  'toLowerCase',
  'from',
  'fromCharCode',
  'decode',
  'at',
]);
const STATIC_FUNCTIONS = new Set(['atob', 'decodeURIComponent', 'unescape', 'String']);
const STATIC_OBJECTS = new Set(['Buffer', 'String']);

/** A value made only of constants (literals, concatenation, string/array transforms): split or obfuscated keys included. */
export function isStatic(node: TSESTree.Node | null | undefined, depth = 0): boolean {
  if (!node || depth > 12) return false;
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' || typeof node.value === 'number';
    case 'TemplateLiteral':
      return node.expressions.every((e) => isStatic(e, depth + 1));
    case 'BinaryExpression':
      return node.operator === '+' && isStatic(node.left, depth + 1) && isStatic(node.right, depth + 1);
    case 'ArrayExpression':
      return node.elements.every((e) => e !== null && e.type !== 'SpreadElement' && isStatic(e, depth + 1));
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      return isStatic(node.expression, depth + 1);
    case 'CallExpression': {
      const args = node.arguments.every((a) => a.type !== 'SpreadElement' && isStatic(a, depth + 1));
      if (!args) return false;
      const callee = node.callee;
      if (callee.type === 'Identifier') return STATIC_FUNCTIONS.has(callee.name);
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
      if (!STATIC_METHODS.has(callee.property.name)) return false;
      if (callee.object.type === 'Identifier') return STATIC_OBJECTS.has(callee.object.name);
      return isStatic(callee.object, depth + 1);
    }
    default:
      return false;
  }
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.-]{2,63}$/;

/**
 * A string that is the name of an environment variable or config key for a credential
 * (`'AWS_ACCESS_KEY_ID'`, `'AWSSecretKey'`, `'aws_session_token'`): code that looks the value
 * up by that name holds no credential. Placeholders (`'your_aws_secret_key'`) still count.
 */
export function namesACredential(value: string): boolean {
  return IDENTIFIER.test(value) && anySlotOf(value) !== undefined && !isPlaceholder(value);
}

/** Not a credential at all: `''`, or the name of one (`ACCESS_KEY = 'AWS_ACCESS_KEY_ID'`). */
function isNoCredential(node: TSESTree.Node): boolean {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value === '' || namesACredential(node.value);
  return (
    node.type === 'TemplateLiteral' &&
    node.expressions.length === 0 &&
    (node.quasis[0]?.value.cooked === '' || namesACredential(node.quasis[0]?.value.cooked ?? ''))
  );
}

function keyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === 'Identifier' && !computed) return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

function isProcessEnv(node: TSESTree.Node): boolean {
  return (
    node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'process' && keyName(node.property, node.computed) === 'env'
  );
}

function calleeName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  return undefined;
}

const POSITIONAL_SLOTS: Slot[] = [
  { env: 'AWS_ACCESS_KEY_ID', strong: true },
  { env: 'AWS_SECRET_ACCESS_KEY', strong: true },
  { env: 'AWS_SESSION_TOKEN', strong: true },
];

/** The parts of a SourceCode the suggestions need (ESLint's and typescript-eslint's types differ). */
type Source = TSESLint.SourceCode;

/**
 * The slot values of one file, collected by listeners that both code rules merge into their own
 * (`SlotCollector.listeners`): read `values` at the program's exit.
 */
export class SlotCollector {
  readonly values: SlotValue[] = [];
  private readonly pyBindings = new Set<PyBinding>();

  constructor(private readonly sc: Source) {}

  readonly listeners = {
    ObjectExpression: (node: TSESTree.ObjectExpression): void => {
      const slots = node.properties.map((p) => (p.type === 'Property' ? slotOf(keyName(p.key, p.computed)) : undefined));
      if (!slots.some(isAnchorSlot)) return;
      const parent = node.parent;
      const owner = parent.type === 'Property' && parent.value === node && keyName(parent.key, parent.computed) === 'credentials' ? parent : undefined;
      node.properties.forEach((p, i) => {
        const slot = slots[i];
        if (!slot || p.type !== 'Property' || p.kind !== 'init') return;
        this.addJs(p.value, slot, keyName(p.key, p.computed) ?? slot.env, true, owner);
      });
    },
    NewExpression: (node: TSESTree.NewExpression): void => {
      if (calleeName(node.callee) !== 'Credentials') return;
      node.arguments.slice(0, 3).forEach((arg, i) => {
        if (arg.type !== 'SpreadElement') this.addJs(arg, POSITIONAL_SLOTS[i]!, POSITIONAL_SLOTS[i]!.env, true);
      });
    },
    AssignmentExpression: (node: TSESTree.AssignmentExpression): void => {
      const left = node.left;
      if (left.type !== 'MemberExpression' || !isProcessEnv(left.object)) return;
      const name = keyName(left.property, left.computed);
      const slot = slotOf(name);
      // No suggestion: `process.env.X = process.env.X` is no fix; the line should go.
      if (slot) this.addJs(node.right, slot, `process.env.${name}`, false);
    },
    VariableDeclarator: (node: TSESTree.VariableDeclarator): void => {
      if (node.id.type !== 'Identifier' || !node.init) return;
      const slot = slotOf(node.id.name);
      if (slot?.strong) this.addJs(node.init, slot, node.id.name, true);
    },
    PyString: (node: PyString): void => {
      const b = node.binding;
      if (!b || !b.static || b.range[1] <= b.range[0] || this.pyBindings.has(b)) return;
      const text = this.sc.text;
      if (node.contentRange[1] <= node.contentRange[0] && b.strings === 1) return; // "" is no credential
      if (b.strings === 1 && !node.interpolated && namesACredential(text.slice(node.contentRange[0], node.contentRange[1]))) return;
      const slot = slotOf(b.name);
      if (!slot) return;
      const inSlot = b.kind === 'subscript-assign' ? !!b.container && /(^|\.)environ$/.test(b.container) : slot.strong;
      if (!inSlot) return;
      this.pyBindings.add(b);
      this.values.push({ range: b.range, slot, label: b.name ?? slot.env, suggestions: () => this.pySuggestions(b, slot) });
    },
  };

  private addJs(value: TSESTree.Node, slot: Slot, label: string, replace: boolean, credentialsProperty?: TSESTree.Property): void {
    if (!isStatic(value) || isNoCredential(value)) return;
    this.values.push({
      range: value.range,
      slot,
      label,
      suggestions: () => {
        const out: Suggestion[] = [];
        const replacement = `process.env.${slot.env}`;
        if (replace) out.push({ messageId: 'useEnv', data: { replacement }, fix: (fixer) => fixer.replaceText(value, replacement) });
        if (credentialsProperty) out.push({ messageId: 'dropCredentials', fix: (fixer) => this.removeProperty(fixer, credentialsProperty) });
        return out;
      },
    });
  }

  private pySuggestions(b: PyBinding, slot: Slot): Suggestion[] {
    const text = this.sc.text;
    const out: Suggestion[] = [];
    if (b.kind !== 'subscript-assign') {
      const imp = importOsInsertion(text, this.sc.ast as unknown as PythonModule);
      const replacement = `os.environ["${slot.env}"]`;
      out.push({
        messageId: 'useEnv',
        data: { replacement },
        fix: (fixer) => {
          const edits = [fixer.replaceTextRange(b.range, replacement)];
          if (imp) edits.push(fixer.insertTextAfterRange([imp.at, imp.at], imp.text));
          return edits;
        },
      });
    }
    if (b.kind === 'keyword' && b.nameRange && b.name) {
      const removal = keywordRemoval(text, b.nameRange[0], b.range[1]);
      if (removal) out.push({ messageId: 'dropArgument', data: { name: b.name }, fix: (fixer) => fixer.removeRange(removal) });
    }
    return out;
  }

  /** Removes a property together with one adjacent comma (and the blank after it). */
  private removeProperty(fixer: TSESLint.RuleFixer, prop: TSESTree.Node): TSESLint.RuleFix {
    const sc = this.sc;
    const text = sc.text;
    const after = sc.getTokenAfter(prop);
    if (after && after.value === ',') {
      const next = sc.getTokenAfter(after, { includeComments: true });
      if (next && next.loc.start.line === after.loc.end.line) return fixer.removeRange([prop.range[0], next.range[0]]);
      // The property has lines of its own: remove those lines whole.
      const lineStart = text.lastIndexOf('\n', prop.range[0] - 1) + 1;
      const eol = text.indexOf('\n', after.range[1]);
      if (text.slice(lineStart, prop.range[0]).trim() === '' && eol >= 0 && text.slice(after.range[1], eol).trim() === '') {
        return fixer.removeRange([lineStart, eol + 1]);
      }
      return fixer.removeRange([prop.range[0], after.range[1]]);
    }
    const before = sc.getTokenBefore(prop);
    if (before && before.value === ',') return fixer.removeRange([before.range[0], prop.range[1]]);
    return fixer.remove(prop);
  }
}

/** The innermost slot value holding a finding, if any. */
export function slotValueOf(values: readonly SlotValue[], f: Pick<Finding, 'start' | 'end'>): SlotValue | undefined {
  let best: SlotValue | undefined;
  for (const v of values) {
    if (v.range[0] <= f.start && f.end <= v.range[1] && (!best || v.range[1] - v.range[0] < best.range[1] - best.range[0])) best = v;
  }
  return best;
}

/** `no-hardcoded-credentials`' named scan of a JS string (its range includes the quotes). */
export function jsNamedFindings(scan: CredentialScan, node: TSESTree.Literal | TSESTree.TemplateLiteral): Finding[] {
  return scan.namedFindings(
    node.range,
    () => jsNameOf(node),
    () => false,
  );
}

/** `no-hardcoded-credentials`' named scan of a Python string: quote + content + quote, like JS. */
export function pyRange(node: PyString): [number, number] {
  return [node.contentRange[0] - 1, node.contentRange[1] + 1];
}

export function pyNamedFindings(scan: CredentialScan, node: PyString): Finding[] {
  return scan.namedFindings(
    pyRange(node),
    () => node.binding?.name,
    () => /aws|boto/i.test(scan.text),
  );
}

/** The text to remove for a keyword argument: with the comma before it, or the one after it when it comes first. */
function keywordRemoval(text: string, start: number, end: number): [number, number] | undefined {
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  if (text[i] === ',') return [i, end];
  if (text[i] !== '(') return undefined;
  let j = end;
  while (j < text.length && /[ \t]/.test(text[j]!)) j++;
  if (text[j] === ',') {
    j++;
    while (j < text.length && /[ \t]/.test(text[j]!)) j++;
    return [start, j];
  }
  while (j < text.length && /\s/.test(text[j]!)) j++;
  return text[j] === ')' ? [start, end] : undefined;
}
