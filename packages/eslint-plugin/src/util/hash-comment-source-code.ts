import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
import type { DirectiveType, FileProblem, RulesConfig, SourceLocation } from '@eslint/core';
import { LINE_ENDING } from './lines.js';

/** What every node of our languages carries. */
export interface BaseNode {
  type: string;
  range: [number, number];
  loc: SourceLocation;
}

/** A `#` comment: Python comments and `.env` comments share the syntax for ESLint directives. */
export interface HashComment extends BaseNode {
  /** Text after the `#`. */
  value: string;
}

export interface HashCommentRoot extends BaseNode {
  body: BaseNode[];
}

const commentParser = new ConfigCommentParser();
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

/**
 * A SourceCode for languages whose comments start with `#`: `# eslint-disable-next-line rule`
 * and `# eslint rule: off` work as in JavaScript. Modelled on @eslint/json's JSONSourceCode.
 */
export abstract class HashCommentSourceCode<Root extends HashCommentRoot> extends TextSourceCodeBase<{
  LangOptions: Record<string, unknown>;
  RootNode: Root;
  SyntaxElementWithLoc: BaseNode;
  ConfigNode: HashComment;
}> {
  readonly comments: HashComment[];
  #parents = new WeakMap<object, BaseNode>();
  #steps: VisitNodeStep[] | undefined;
  #inline: HashComment[] | undefined;

  constructor(text: string, ast: Root, comments: HashComment[]) {
    super({ text, ast, lineEndingPattern: LINE_ENDING });
    this.comments = comments;
  }

  /** Child nodes of a node, in source order (the language's visitor keys). */
  protected abstract children(node: BaseNode): readonly BaseNode[];

  getInlineConfigNodes(): HashComment[] {
    this.#inline ??= this.comments.filter((c) => INLINE_CONFIG.test(c.value));
    return this.#inline;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      switch (label) {
        case 'eslint-disable':
        case 'eslint-enable':
        case 'eslint-disable-next-line':
        case 'eslint-disable-line':
          directives.push(new Directive({ type: label.slice('eslint-'.length) as DirectiveType, node: comment, value, justification }));
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: { config: { rules: RulesConfig }; loc: SourceLocation }[]; problems: FileProblem[] } {
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed || parsed.label !== 'eslint') continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  override getParent(node: BaseNode): BaseNode | undefined {
    if (!this.#steps) this.traverse();
    return this.#parents.get(node);
  }

  override traverse(): Iterable<VisitNodeStep> {
    if (this.#steps) return this.#steps;
    const steps: VisitNodeStep[] = [];
    const visit = (node: BaseNode, parent: BaseNode | undefined): void => {
      if (parent) this.#parents.set(node, parent);
      steps.push(new VisitNodeStep({ target: node, phase: 1, args: [node, parent] }));
      for (const child of this.children(node)) visit(child, node);
      steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node, parent] }));
    };
    visit(this.ast, undefined);
    this.#steps = steps;
    return steps;
  }
}
