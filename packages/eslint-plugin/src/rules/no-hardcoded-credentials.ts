import { analyze, FINDING_KINDS, findIgnoreDirective, hintFor, KINDS, LineIndex, type CoreRuleId, type Finding, type FindingKind } from '@credlint/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { PyString, PythonModule } from '../languages/python/ast.js';
import { createRule } from '../util/create-rule.js';
import { envFor, isEvidenceName } from '../util/names.js';
import { awsAncestor, jsNameOf, jsoncNameOf, momoaNameOf, tomlNameOf, yamlNameOf } from '../util/node-names.js';
import { importOsInsertion } from '../util/python-import.js';

type MessageIds = 'credential' | 'useEnv';

/** The CLI configuration's `accountId` and `rules: { <core rule id>: "off" }`, as rule options (docs/configuration.md). */
export interface Options {
  /** Also report AWS account ids (`aws-account-id`); off by default, as in `credlint scan`. */
  accountId?: boolean;
  /** Credential kinds not to report, by rule id (`aws-session-token`, …). */
  off?: CoreRuleId[];
}

const DEFAULT_KINDS: readonly FindingKind[] = ['access-key-id', 'secret-access-key', 'session-token', 'bedrock-api-key'];

/** The kinds core looks for under these options. */
export function kindsFor(options: Options | undefined): FindingKind[] {
  const off = new Set(options?.off ?? []);
  const kinds = options?.accountId ? [...DEFAULT_KINDS, 'account-id' as const] : [...DEFAULT_KINDS];
  return kinds.filter((k) => !off.has(KINDS[k].ruleId));
}

interface AnyNode {
  type: string;
  range?: [number, number];
  parent?: AnyNode;
  [key: string]: unknown;
}

/** The parts of a SourceCode every language we run on has. */
interface AnySourceCode {
  text: string;
  ast: AnyNode;
  getLocFromIndex(index: number): { line: number; column: number };
  getParent?(node: object): object | undefined;
}

/** Values shorter than this cannot hold a finding that a name adds (secrets are 40, tokens ≥ 100). */
const MIN_NAMED_LENGTH = 40;

interface Hit {
  finding: Finding;
  /** A string node whose whole value the finding is: it can be replaced by an environment read. */
  replaceable?: { range: [number, number]; language: 'js' | 'jsx-attribute' | 'python' };
}

function keyOf(node: AnyNode): string | undefined {
  const pick = (k: unknown): string | undefined => {
    const n = k as AnyNode | null | undefined;
    if (!n) return undefined;
    if (typeof n.name === 'string') return n.name;
    if (typeof n.value === 'string') return n.value;
    const keys = n.keys as AnyNode[] | undefined;
    return keys ? keys.map((x) => pick(x) ?? '').join('.') : undefined;
  };
  switch (node.type) {
    case 'Member':
      return pick(node.name);
    case 'YAMLPair':
    case 'JSONProperty':
    case 'Property':
    case 'TOMLKeyValue':
    case 'TOMLTable':
      return pick(node.key);
    default:
      return undefined;
  }
}

/** Where a JS string literal can become `process.env.NAME` and still be an expression in place. */
function jsReplaceable(node: TSESTree.Literal | TSESTree.TemplateLiteral): Hit['replaceable'] {
  const p = node.parent;
  if (!p) return undefined;
  if (p.type === 'JSXAttribute') return { range: node.range, language: 'jsx-attribute' };
  const ok =
    (p.type === 'Property' && p.value === node) ||
    (p.type === 'VariableDeclarator' && p.init === node) ||
    (p.type === 'AssignmentExpression' && p.right === node) ||
    (p.type === 'AssignmentPattern' && p.right === node) ||
    (p.type === 'PropertyDefinition' && p.value === node) ||
    ((p.type === 'CallExpression' || p.type === 'NewExpression') && p.arguments.includes(node)) ||
    p.type === 'ArrayExpression' ||
    p.type === 'ReturnStatement' ||
    (p.type === 'LogicalExpression' && p.right === node);
  return ok ? { range: node.range, language: 'js' } : undefined;
}

export default createRule<MessageIds, [Options?]>({
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow AWS access key ids, secret access keys and session tokens in source, configuration and data files',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      credential: '{{message}}. {{hint}}',
      useEnv: 'Replace the literal with {{replacement}}',
    },
    schema: [
      {
        type: 'object',
        properties: {
          accountId: { type: 'boolean' },
          off: { type: 'array', items: { type: 'string', enum: FINDING_KINDS.map((k) => KINDS[k].ruleId) }, uniqueItems: true },
        },
        additionalProperties: false,
      },
    ],
    // No `languages`: the rule runs on every language (text scan + whatever syntax tree is present).
  },
  create(context) {
    const sc = context.sourceCode as unknown as AnySourceCode;
    const root = sc.ast;
    // A local .env is where credentials are supposed to live; the dotenv rules judge those files.
    if (root.type === 'DotenvFile') return {};
    const text = sc.text;
    const filename = context.filename;
    const hits = new Map<string, Hit>();
    let lines: LineIndex | undefined;
    const ignoredStarts = new Set<number>();

    const kinds = kindsFor(context.options[0]);
    const whole = analyze(text, { filename, kinds });
    for (const f of whole.findings) hits.set(`${f.start}:${f.end}`, { finding: f });
    for (const f of whole.ignored) ignoredStarts.add(f.start);

    /** A whole-text finding that is exactly this string's value can be offered as an environment read. */
    const markReplaceable = (range: [number, number], replaceable: () => Hit['replaceable']): void => {
      if (hits.size === 0) return;
      const hit = hits.get(`${range[0] + 1}:${range[1] - 1}`);
      if (hit && !hit.replaceable) hit.replaceable = replaceable();
    };

    /** Core again on one string, with the name the syntax tree gives it. */
    const scanNamed = (range: [number, number], nameOf: () => string | undefined, awsContext: () => boolean, replaceable?: () => Hit['replaceable']): void => {
      const [start, end] = range;
      if (replaceable) markReplaceable(range, replaceable);
      // Cheap test first: only values long enough for a secret or a token gain from a name.
      if (end - start < MIN_NAMED_LENGTH) return;
      const name = nameOf();
      if (!isEvidenceName(name)) return;
      const result = analyze(text.slice(start, end), { filename, kinds, context: { keyName: name, awsContext: awsContext() } });
      for (const f of result.findings) {
        const abs: Finding = { ...f, start: f.start + start, end: f.end + start };
        const key = `${abs.start}:${abs.end}`;
        if (hits.has(key) || ignoredStarts.has(abs.start)) continue;
        // Inline `credlint-ignore` directives live outside the string: ask core about the whole file.
        lines ??= new LineIndex(text);
        if (findIgnoreDirective(lines, abs)) continue;
        const hit: Hit = { finding: abs };
        if (replaceable && abs.start === start + 1 && abs.end === end - 1) hit.replaceable = replaceable();
        hits.set(key, hit);
      }
    };

    const parentOf = (node: object): object | undefined =>
      (node as AnyNode).parent ?? (typeof sc.getParent === 'function' ? sc.getParent(node) : undefined);
    const awsOf = (node: AnyNode) => () => awsAncestor(node, parentOf, keyOf);

    const report = (): void => {
      const sorted = [...hits.values()].sort((a, b) => a.finding.start - b.finding.start);
      for (const { finding, replaceable } of sorted) {
        const env = envFor(finding.kind);
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
        if (replaceable && env) {
          if (replaceable.language === 'python') {
            const replacement = `os.environ["${env}"]`;
            const imp = root.type === 'PythonModule' ? importOsInsertion(text, root as unknown as PythonModule) : undefined;
            suggest.push({
              messageId: 'useEnv',
              data: { replacement },
              fix: (fixer) => {
                const edits = [fixer.replaceTextRange(replaceable.range, replacement)];
                if (imp) edits.push(fixer.insertTextAfterRange([imp.at, imp.at], imp.text));
                return edits;
              },
            });
          } else {
            const replacement = `process.env.${env}`;
            const textOut = replaceable.language === 'jsx-attribute' ? `{${replacement}}` : replacement;
            suggest.push({ messageId: 'useEnv', data: { replacement }, fix: (fixer) => fixer.replaceTextRange(replaceable.range, textOut) });
          }
        }
        context.report({
          loc: { start: sc.getLocFromIndex(finding.start), end: sc.getLocFromIndex(finding.end) },
          messageId: 'credential',
          data: { message: finding.message, hint: hintFor(finding) },
          suggest,
        });
      }
    };

    const listener: Record<string, (node: never) => void> = {
      // JavaScript / TypeScript (espree, typescript-eslint)
      Literal(node: TSESTree.Literal) {
        if (typeof node.value !== 'string') return;
        scanNamed(node.range, () => jsNameOf(node), () => false, () => jsReplaceable(node));
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        scanNamed(node.range, () => jsNameOf(node), () => false, node.expressions.length === 0 ? () => jsReplaceable(node) : undefined);
      },
      // @eslint/json
      String(node: AnyNode) {
        if (node.range) scanNamed(node.range, () => momoaNameOf(node, parentOf), awsOf(node));
      },
      // eslint-plugin-jsonc / jsonc-eslint-parser
      JSONLiteral(node: AnyNode) {
        if (node.range && typeof node.value === 'string') scanNamed(node.range, () => jsoncNameOf(node), awsOf(node));
      },
      // eslint-plugin-yml / yaml-eslint-parser
      YAMLScalar(node: AnyNode) {
        if (node.range && typeof node.value === 'string') scanNamed(node.range, () => yamlNameOf(node), awsOf(node));
      },
      // eslint-plugin-toml / toml-eslint-parser
      TOMLValue(node: AnyNode) {
        if (node.range && node.kind === 'string') scanNamed(node.range, () => tomlNameOf(node), awsOf(node));
      },
      // credlint/python
      PyString(node: PyString) {
        const b = node.binding;
        const whole = b !== undefined && b.static && b.strings === 1 && !node.interpolated && node.prefix.toLowerCase() !== 'b' && b.kind !== 'subscript-assign';
        const replaceable = whole ? (): Hit['replaceable'] => ({ range: node.range, language: 'python' }) : undefined;
        // The content offsets, so "value = whole string" compares like JS (quote + content + quote).
        const range: [number, number] = [node.contentRange[0] - 1, node.contentRange[1] + 1];
        scanNamed(range, () => b?.name, () => /aws|boto/i.test(text), replaceable);
      },
    };
    for (const exit of ['Program:exit', 'Document:exit', 'PythonModule:exit', 'StyleSheet:exit', 'root:exit']) listener[exit] = report;
    return listener as TSESLint.RuleListener;
  },
});
