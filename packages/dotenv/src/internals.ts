/**
 * `@credlint/dotenv/internals`: helpers no front end of this repository needs from the package and no
 * user should build on (edit application, region tables, typed-value judgements, the raw file
 * reader) — exported for experiments and tools, with no semver promise. The public API is
 * `@credlint/dotenv`, `@credlint/dotenv/files` and `@credlint/dotenv/write`.
 */
export { DOCS_BASE_URL } from './checks/index.js';
export { readersOf } from './context.js';
export { applyEdits, fixesFor } from './fix.js';
export { decodeText, MAX_FILE_BYTES, writeAtomic } from './file.js';
export { AWS_TYPED_KEYS, typeOf } from './checks/invalid-typed-value.js';
export { judgeRegion, PARTITIONS_SOURCE } from './regions.js';
export { unifiedDiff } from './diff.js';
export { compileLinear, RegexSyntaxError, type LinearRegex } from './linear-regex.js';
export { OPT_IN } from './opt-in.js';
export { describeInference, exampleTarget, INFER_LIMITS, nodeFacts, type FsFacts, type InferStats, type ModelledDialect } from './infer-dialect.js';
export { defaultSeverity } from './checks/severity.js';
export { gitProcesses, gitStateOf } from './repository.js';
export { nodeLineFor, type NodeLineChoice } from './node-line.js';
export { NODE_LINES, nodeLineOf, nodeLineOfEngines, nodeModelOf, nodeReaderName, runningNodeLine } from './readers/node.js';
