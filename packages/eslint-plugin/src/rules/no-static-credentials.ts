import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { PyBinding, PyString, PythonModule } from '../languages/python/ast.js';
import { createRule } from '../util/create-rule.js';
import { isPlaceholder } from '@credlint/core';
import { isAnchorSlot, slotOf as anySlotOf, strictSlotOf as slotOf, type Slot } from '../util/names.js';
import { importOsInsertion } from '../util/python-import.js';

type MessageIds = 'static' | 'useEnv' | 'useEnvPython' | 'dropCredentials' | 'dropArgument';

/** Calls that only transform constants: a value built from literals with these is still a literal. */
const STATIC_METHODS = new Set(['join', 'reverse', 'split', 'toString', 'concat', 'slice', 'substring', 'substr', 'replace', 'replaceAll', 'trim', 'toUpperCase', 'toLowerCase', 'from', 'fromCharCode', 'decode', 'at']);
const STATIC_FUNCTIONS = new Set(['atob', 'decodeURIComponent', 'unescape', 'String']);
const STATIC_OBJECTS = new Set(['Buffer', 'String']);

/** A value made only of constants (literals, concatenation, string/array transforms): split or obfuscated keys included. */
function isStatic(node: TSESTree.Node | null | undefined, depth = 0): boolean {
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

/** Not a credential at all: `''`, or the name of one (`ACCESS_KEY = 'AWS_ACCESS_KEY_ID'`). */
function isNoCredential(node: TSESTree.Node): boolean {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value === '' || namesACredential(node.value);
  return node.type === 'TemplateLiteral' && node.expressions.length === 0 && (node.quasis[0]?.value.cooked === '' || namesACredential(node.quasis[0]?.value.cooked ?? ''));
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.-]{2,63}$/;

/**
 * A string that is the name of an environment variable or config key for a credential
 * (`'AWS_ACCESS_KEY_ID'`, `'AWSSecretKey'`, `'aws_session_token'`): code that looks the value
 * up by that name holds no credential. Placeholders (`'your_aws_secret_key'`) still count.
 */
function namesACredential(value: string): boolean {
  return IDENTIFIER.test(value) && anySlotOf(value) !== undefined && !isPlaceholder(value);
}

function keyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === 'Identifier' && !computed) return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

function isProcessEnv(node: TSESTree.Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'process' &&
    keyName(node.property, node.computed) === 'env'
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

export default createRule<MessageIds, []>({
  name: 'no-static-credentials',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow static AWS credentials in code (SDK credentials objects, boto3 keyword arguments, environment assignments)',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      static: 'Static AWS credential in code ({{slot}}): load credentials from the environment, a shared profile or a role through the SDK\'s default provider chain',
      useEnv: 'Read it from the environment: process.env.{{env}}',
      useEnvPython: 'Read it from the environment: os.environ["{{env}}"]',
      dropCredentials: 'Remove the `credentials` property so the SDK\'s default provider chain applies',
      dropArgument: 'Remove the `{{name}}` argument so boto3\'s default credential chain applies',
    },
    schema: [],
    languages: ['js/js', 'credlint/python'],
  },
  create(context) {
    const sc = context.sourceCode;
    const text = sc.text;

    /** Removes a property together with one adjacent comma (and the blank after it). */
    const removeProperty = (fixer: TSESLint.RuleFixer, prop: TSESTree.Node): TSESLint.RuleFix => {
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
    };

    const reportJs = (value: TSESTree.Node, slot: Slot, label: string, options: { replace: boolean; credentialsProperty?: TSESTree.Property }): void => {
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (options.replace) {
        suggest.push({ messageId: 'useEnv', data: { env: slot.env }, fix: (fixer) => fixer.replaceText(value, `process.env.${slot.env}`) });
      }
      const cred = options.credentialsProperty;
      if (cred) suggest.push({ messageId: 'dropCredentials', fix: (fixer) => removeProperty(fixer, cred) });
      context.report({ node: value, messageId: 'static', data: { slot: label }, suggest });
    };

    const reported = new Set<PyBinding>();
    const reportPython = (b: PyBinding, slot: Slot): void => {
      if (reported.has(b)) return;
      reported.add(b);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (b.kind !== 'subscript-assign') {
        const imp = importOsInsertion(text, sc.ast as unknown as PythonModule);
        suggest.push({
          messageId: 'useEnvPython',
          data: { env: slot.env },
          fix: (fixer) => {
            const edits = [fixer.replaceTextRange(b.range, `os.environ["${slot.env}"]`)];
            if (imp) edits.push(fixer.insertTextAfterRange([imp.at, imp.at], imp.text));
            return edits;
          },
        });
      }
      if (b.kind === 'keyword' && b.nameRange && b.name) {
        const removal = keywordRemoval(text, b.nameRange[0], b.range[1]);
        if (removal) suggest.push({ messageId: 'dropArgument', data: { name: b.name }, fix: (fixer) => fixer.removeRange(removal) });
      }
      context.report({
        loc: { start: sc.getLocFromIndex(b.range[0]), end: sc.getLocFromIndex(b.range[1]) },
        messageId: 'static',
        data: { slot: b.name ?? slot.env },
        suggest,
      });
    };

    return {
      ObjectExpression(node) {
        const slots = node.properties.map((p) => (p.type === 'Property' ? slotOf(keyName(p.key, p.computed)) : undefined));
        if (!slots.some(isAnchorSlot)) return;
        const owner = node.parent.type === 'Property' && node.parent.value === node && keyName(node.parent.key, node.parent.computed) === 'credentials' ? node.parent : undefined;
        node.properties.forEach((p, i) => {
          const slot = slots[i];
          if (!slot || p.type !== 'Property' || p.kind !== 'init') return;
          const value = p.value;
          if (!isStatic(value) || isNoCredential(value)) return;
          const options: { replace: boolean; credentialsProperty?: TSESTree.Property } = { replace: true };
          if (owner) options.credentialsProperty = owner;
          reportJs(value, slot, keyName(p.key, p.computed) ?? slot.env, options);
        });
      },
      NewExpression(node) {
        if (calleeName(node.callee) !== 'Credentials') return;
        node.arguments.slice(0, 3).forEach((arg, i) => {
          if (arg.type === 'SpreadElement' || !isStatic(arg) || isNoCredential(arg)) return;
          reportJs(arg, POSITIONAL_SLOTS[i]!, POSITIONAL_SLOTS[i]!.env, { replace: true });
        });
      },
      AssignmentExpression(node) {
        const left = node.left;
        if (left.type !== 'MemberExpression' || !isProcessEnv(left.object)) return;
        const name = keyName(left.property, left.computed);
        const slot = slotOf(name);
        if (!slot || !isStatic(node.right) || isNoCredential(node.right)) return;
        reportJs(node.right, slot, `process.env.${name}`, { replace: false });
      },
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier' || !node.init) return;
        const slot = slotOf(node.id.name);
        if (!slot?.strong || !isStatic(node.init) || isNoCredential(node.init)) return;
        reportJs(node.init, slot, node.id.name, { replace: true });
      },
      PyString(node: PyString) {
        const b = node.binding;
        if (!b || !b.static || b.range[1] <= b.range[0]) return;
        if (node.contentRange[1] <= node.contentRange[0] && b.strings === 1) return; // "" is no credential
        if (b.strings === 1 && !node.interpolated && namesACredential(text.slice(node.contentRange[0], node.contentRange[1]))) return;
        const slot = slotOf(b.name);
        if (!slot) return;
        switch (b.kind) {
          case 'keyword':
          case 'positional':
          case 'dict':
          case 'assign':
            if (slot.strong) reportPython(b, slot);
            return;
          case 'subscript-assign':
            if (b.container && /(^|\.)environ$/.test(b.container)) reportPython(b, slot);
            return;
        }
      },
    } as TSESLint.RuleListener;
  },
});

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
