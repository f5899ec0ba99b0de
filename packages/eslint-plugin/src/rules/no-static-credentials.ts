import type { TSESTree } from '@typescript-eslint/utils';
import type { PyString } from '../languages/python/ast.js';
import { createRule } from '../util/create-rule.js';
import { reporterOf, type CredentialScan } from '../util/credential-scan.js';
import { jsNamedFindings, pyNamedFindings, SlotCollector, SLOT_MESSAGES, type SlotMessageId } from '../util/credential-slots.js';

type MessageIds = 'static' | SlotMessageId;

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
      static:
        "Static AWS credential in code ({{slot}}): load credentials from the environment, a shared profile or a role through the SDK's default provider chain",
      ...SLOT_MESSAGES,
    },
    schema: [],
    languages: ['js/js', 'credlint/python'],
  },
  create(context) {
    const sc = context.sourceCode;
    const slots = new SlotCollector(sc);
    // A value holding what core calls a credential is no-hardcoded-credentials' report (one report
    // per literal, with the same suggestions): this rule keeps placeholders and split values, and
    // everything when that rule is off or leaves the kind out (reporterOf: what it will report).
    const owner = (): CredentialScan | undefined => reporterOf(sc);
    const owned: { start: number; end: number }[] = [];
    const named = (find: (scan: CredentialScan) => readonly { start: number; end: number }[]): void => {
      const scan = owner();
      if (scan) for (const f of find(scan)) owned.push(f);
    };

    const report = (): void => {
      if (slots.values.length === 0) return;
      const scan = owner();
      if (scan) owned.push(...scan.whole.findings);
      for (const v of slots.values) {
        if (owned.some((f) => v.range[0] <= f.start && f.end <= v.range[1])) continue;
        context.report({
          loc: { start: sc.getLocFromIndex(v.range[0]), end: sc.getLocFromIndex(v.range[1]) },
          messageId: 'static',
          data: { slot: v.label },
          suggest: v.suggestions(),
        });
      }
    };

    return {
      ...slots.listeners,
      Literal(node: TSESTree.Literal) {
        if (typeof node.value === 'string') named((scan) => jsNamedFindings(scan, node));
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        named((scan) => jsNamedFindings(scan, node));
      },
      PyString(node: PyString) {
        slots.listeners.PyString(node);
        named((scan) => pyNamedFindings(scan, node));
      },
      'Program:exit': report,
      'PythonModule:exit': report,
    };
  },
});
