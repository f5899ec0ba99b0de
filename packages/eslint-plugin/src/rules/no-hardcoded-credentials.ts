import { DEFAULT_KINDS, FINDING_KINDS, hintFor, KINDS, type CoreRuleId, type Finding, type FindingKind } from '@credlint/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { PyString, PythonModule } from '../languages/python/ast.js';
import { createRule } from '../util/create-rule.js';
import { claimReports, credentialScanFor } from '../util/credential-scan.js';
import { jsNamedFindings, pyNamedFindings, pyRange, SlotCollector, slotValueOf, SLOT_MESSAGES, type SlotMessageId } from '../util/credential-slots.js';
import { envFor } from '../util/names.js';
import { awsAncestor, jsoncNameOf, momoaNameOf, tomlNameOf, yamlNameOf } from '../util/node-names.js';
import { importOsInsertion } from '../util/python-import.js';

type MessageIds = 'credential' | SlotMessageId;

/** The CLI configuration's `accountId` and `rules: { <core rule id>: "off" }`, as rule options (docs/configuration.md). */
export interface Options {
  /** Also report AWS account ids (`aws-account-id`); off by default, as in `credlint scan`. */
  accountId?: boolean;
  /** Credential kinds not to report, by rule id (`aws-session-token`, …). */
  off?: CoreRuleId[];
}

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
      ...SLOT_MESSAGES,
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
    const scan = credentialScanFor(sc, context.filename, kindsFor(context.options[0]));
    claimReports(sc, scan);
    const hits = new Map<string, Hit>();
    for (const f of scan.whole.findings) hits.set(`${f.start}:${f.end}`, { finding: f });
    // SDK credential slots in code: a finding there carries the slot's suggestions (credential-slots.ts).
    const slots = root.type === 'Program' || root.type === 'PythonModule' ? new SlotCollector(sc as unknown as TSESLint.SourceCode) : undefined;

    /** A whole-text finding that is exactly this string's value can be offered as an environment read. */
    const markReplaceable = (range: [number, number], replaceable: () => Hit['replaceable']): void => {
      if (hits.size === 0) return;
      const hit = hits.get(`${range[0] + 1}:${range[1] - 1}`);
      if (hit && !hit.replaceable) hit.replaceable = replaceable();
    };

    const addNamed = (range: [number, number], findings: readonly Finding[], replaceable?: () => Hit['replaceable']): void => {
      if (replaceable) markReplaceable(range, replaceable);
      for (const f of findings) {
        const key = `${f.start}:${f.end}`;
        if (hits.has(key)) continue;
        const hit: Hit = { finding: f };
        if (replaceable && f.start === range[0] + 1 && f.end === range[1] - 1) hit.replaceable = replaceable();
        hits.set(key, hit);
      }
    };

    /** Core again on one string, with the name the syntax tree gives it. */
    const scanNamed = (range: [number, number], nameOf: () => string | undefined, awsContext: () => boolean): void => {
      addNamed(range, scan.namedFindings(range, nameOf, awsContext));
    };

    const parentOf = (node: object): object | undefined => (node as AnyNode).parent ?? (typeof sc.getParent === 'function' ? sc.getParent(node) : undefined);
    const awsOf = (node: AnyNode) => () => awsAncestor(node, parentOf, keyOf);

    /** Outside a slot: a string that is exactly the finding becomes an environment read. */
    const literalSuggestions = (replaceable: Hit['replaceable'], env: string | undefined): TSESLint.SuggestionReportDescriptor<MessageIds>[] => {
      if (!replaceable || !env) return [];
      if (replaceable.language === 'python') {
        const replacement = `os.environ["${env}"]`;
        const imp = root.type === 'PythonModule' ? importOsInsertion(text, root as unknown as PythonModule) : undefined;
        return [
          {
            messageId: 'useEnv',
            data: { replacement },
            fix: (fixer) => {
              const edits = [fixer.replaceTextRange(replaceable.range, replacement)];
              if (imp) edits.push(fixer.insertTextAfterRange([imp.at, imp.at], imp.text));
              return edits;
            },
          },
        ];
      }
      const replacement = `process.env.${env}`;
      const textOut = replaceable.language === 'jsx-attribute' ? `{${replacement}}` : replacement;
      return [{ messageId: 'useEnv', data: { replacement }, fix: (fixer) => fixer.replaceTextRange(replaceable.range, textOut) }];
    };

    const report = (): void => {
      const sorted = [...hits.values()].sort((a, b) => a.finding.start - b.finding.start);
      for (const { finding, replaceable } of sorted) {
        // In an SDK credential slot: the slot's suggestions (replace the whole value, drop the
        // credentials), the ones no-static-credentials would give; this report replaces its.
        const slot = slots && slotValueOf(slots.values, finding);
        context.report({
          loc: { start: sc.getLocFromIndex(finding.start), end: sc.getLocFromIndex(finding.end) },
          messageId: 'credential',
          data: { message: finding.message, hint: hintFor(finding) },
          suggest: slot ? slot.suggestions() : literalSuggestions(replaceable, envFor(finding.kind)),
        });
      }
    };

    const listener: Record<string, (node: never) => void> = {
      ...(slots?.listeners as Record<string, (node: never) => void> | undefined),
      // JavaScript / TypeScript (espree, typescript-eslint)
      Literal(node: TSESTree.Literal) {
        if (typeof node.value !== 'string') return;
        addNamed(node.range, jsNamedFindings(scan, node), () => jsReplaceable(node));
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        addNamed(node.range, jsNamedFindings(scan, node), node.expressions.length === 0 ? () => jsReplaceable(node) : undefined);
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
        slots?.listeners.PyString(node);
        const b = node.binding;
        const whole =
          b !== undefined && b.static && b.strings === 1 && !node.interpolated && node.prefix.toLowerCase() !== 'b' && b.kind !== 'subscript-assign';
        const replaceable = whole ? (): Hit['replaceable'] => ({ range: node.range, language: 'python' }) : undefined;
        // The content offsets, so "value = whole string" compares like JS (quote + content + quote).
        addNamed(pyRange(node), pyNamedFindings(scan, node), replaceable);
      },
    };
    for (const exit of ['Program:exit', 'Document:exit', 'PythonModule:exit', 'StyleSheet:exit', 'root:exit']) listener[exit] = report;
    return listener;
  },
});
