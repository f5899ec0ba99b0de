import type { File, Language, OkParseResult, ParseResult } from '@eslint/core';
import { HashCommentSourceCode, type BaseNode } from '../../util/hash-comment-source-code.js';
import { visitorKeys, type PyComment, type PythonModule } from './ast.js';
import { parsePython } from './parse.js';

export class PythonSourceCode extends HashCommentSourceCode<PythonModule> {
  constructor(text: string, ast: PythonModule) {
    super(
      text,
      ast,
      ast.body.filter((n): n is PyComment => n.type === 'PyComment'),
    );
  }

  protected children(node: BaseNode): readonly BaseNode[] {
    return node.type === 'PythonModule' ? (node as PythonModule).body : [];
  }
}

/**
 * `credlint/python`: strings and comments of Python source, each string with the name that
 * binds it. `parse` never fails: any text is a module (broken code is still scanned).
 */
export class PythonLanguage implements Language {
  readonly fileType = 'text' as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 0 as const;
  readonly nodeTypeKey = 'type';
  readonly visitorKeys = visitorKeys;
  readonly defaultLanguageOptions = {};

  // No options; unknown ones (JS options from a global config object) are ignored.
  validateLanguageOptions(): void {}

  parse(file: File): ParseResult<PythonModule> {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return { ok: true, ast: parsePython(text) };
  }

  createSourceCode(file: File, result: OkParseResult<PythonModule>): PythonSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new PythonSourceCode(text, result.ast);
  }
}
