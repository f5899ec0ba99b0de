export type {
  CheckId,
  CheckKind,
  CheckMeta,
  EnvSchema,
  SchemaEntry,
  SchemaType,
  CheckSetting,
  Diagnostic,
  Dialect,
  EnvBlank,
  EnvComment,
  EnvDocument,
  EnvEntry,
  EnvError,
  EnvNode,
  GitFileState,
  QuoteStyle,
  Reader,
  RepositoryFacts,
  Severity,
  TextEdit,
  TypedKeySpec,
  ValidateOptions,
  Variable,
} from './types.js';
export { READER_NAMES, READERS } from './types.js';
export { entries, parse, print } from './parse.js';
export { projectNodeLine } from './node-line.js';
export type { NodeLine } from './readers/node.js';
export { parseAwsShared, profileName, type AwsSection, type AwsSharedDocument, type AwsSharedEntry } from './aws-shared.js';
export { awsSharedKind, isEnvExampleFile, isEnvFile } from './files.js';
export { checks, CHECK_IDS } from './checks/index.js';
export { CHECK_SEVERITY, severityOf } from './checks/severity.js';
export { CHECK_ID_LIST, DIALECTS } from './ids.js';
export { loadSchema, SchemaError } from './schema.js';
export { STYLE_CHECKS } from './opt-in.js';
export { validate, validateVariables } from './validate.js';
export { validateAwsShared, validateAwsSharedFiles } from './validate-aws-shared.js';
export { fix, type FixOptions, type FixResult } from './fix.js';
export { validateFile, type FileResult, type ValidateFileOptions } from './file.js';
export { compareKeys, exampleFor, gitStateStamp, repositoriesSeen, repositoryFacts } from './repository.js';
export { annotate, DialectInferrer, inferDialect, type DialectInference } from './infer-dialect.js';
// The public surface: the parser, validator and fixer users and the front ends call. The atomic
// writer is `@credlint/dotenv/write`, the file-name tests `@credlint/dotenv/files`; the rest of the
// helpers are `@credlint/dotenv/internals` (no semver promise).
