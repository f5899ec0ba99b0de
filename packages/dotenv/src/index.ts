export type {
  CheckId,
  CheckMeta,
  CheckSetting,
  Diagnostic,
  Dialect,
  EnvBlank,
  EnvComment,
  EnvDocument,
  EnvEntry,
  EnvError,
  EnvNode,
  QuoteStyle,
  Reader,
  TextEdit,
  TypedKeySpec,
  ValidateOptions,
  Variable,
} from './types.js';
export { READER_NAMES, READERS } from './types.js';
export { entries, parse, print } from './parse.js';
export { nodeLineFor, projectNodeLine, type NodeLineChoice } from './node-line.js';
export { NODE_LINES, nodeLineOf, nodeLineOfEngines, nodeModelOf, nodeReaderName, runningNodeLine, type NodeLine } from './readers/node.js';
export { parseAwsShared, profileName, type AwsSection, type AwsSharedDocument, type AwsSharedEntry } from './aws-shared.js';
export { awsSharedKind, isEnvExampleFile, isEnvFile } from './files.js';
export { checks, CHECK_IDS, DOCS_BASE_URL } from './checks/index.js';
export { CHECK_ID_LIST, DIALECTS } from './ids.js';
export { readersOf } from './context.js';
export { validate, validateVariables } from './validate.js';
export { validateAwsShared, validateAwsSharedFiles } from './validate-aws-shared.js';
export { applyEdits, fix, fixesFor, type FixOptions, type FixResult } from './fix.js';
export { decodeText, MAX_FILE_BYTES, validateFile, writeAtomic, type FileResult, type ValidateFileOptions } from './file.js';
export { hashBytes, snapshotOf, writeFileAtomicSync, writeTarget, WriteRefusedError, type FileSnapshot, type WriteOptions, type WriteRefusal } from './write.js';
export { compareKeys, exampleFor } from './repository.js';
export { AWS_TYPED_KEYS, typeOf } from './checks/invalid-typed-value.js';
export { judgeRegion, PARTITIONS_SOURCE } from './regions.js';
export {
  annotate,
  describeInference,
  DialectInferrer,
  exampleTarget,
  inferDialect,
  INFER_LIMITS,
  nodeFacts,
  type DialectInference,
  type FsFacts,
  type InferStats,
  type ModelledDialect,
} from './infer-dialect.js';
