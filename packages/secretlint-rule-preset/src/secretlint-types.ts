/**
 * The part of secretlint's rule API this package uses, written structurally so the
 * published package needs no `@secretlint/types`, neither at run time nor in its
 * declarations. test/types.test.ts checks with tsc that these stay assignable to
 * secretlint's own types.
 */

export type Range = readonly [startIndex: number, endIndex: number];

/** One message in every locale it has; secretlint's translator requires `en`. */
export interface LocalizedMessage<Props> {
  en: (props: Props) => string;
  [locale: string]: (props: Props) => string;
}

export interface TranslateResult {
  message: string;
  messageId: string;
  data: unknown;
}

export interface RuleContext {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors secretlint's generic signature
  createTranslator(messages: any): (messageId: string, props?: any) => TranslateResult;
  report(descriptor: { message: TranslateResult; range: Range }): void;
}

export interface SourceCode {
  readonly content: string;
  readonly filePath: string | undefined;
}

export interface RuleHandler {
  file?(source: SourceCode): void | Promise<void>;
}

export interface RuleCreator<Options> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each message has its own props type
  messages: Record<string, LocalizedMessage<any>>;
  meta: {
    id: string;
    type: 'scanner';
    recommended: boolean;
    docs: { url: string };
    supportedContentTypes: ('text' | 'binary' | 'all')[];
  };
  create(context: RuleContext, options: Options): RuleHandler;
}

export interface PresetContext {
  registerRule(rule: RuleCreator<{ allows?: string[] }>): void;
}

export interface PresetCreator<Options> {
  meta: { id: string; type: 'preset'; recommended: boolean; docs: { url: string } };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- member rules have different option types
  rules: RuleCreator<any>[];
  create(context: PresetContext, options: Options): void;
}
