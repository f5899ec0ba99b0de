import type { Check } from '../context.js';
import type { CheckId, CheckMeta } from '../types.js';
import { conflictingCredentialSources } from './conflicting-credential-sources.js';
import { credentialInExample } from './credential-in-example.js';
import { duplicateKey } from './duplicate-key.js';
import { envFileNotIgnored } from './env-file-not-ignored.js';
import { envFileTracked } from './env-file-tracked.js';
import { exampleDrift } from './example-drift.js';
import { exportPrefix } from './export-prefix.js';
import { incompleteKeyPair } from './incomplete-key-pair.js';
import { inlineComment } from './inline-comment.js';
import { invalidKey } from './invalid-key.js';
import { invalidRegion } from './invalid-region.js';
import { invalidTypedValue } from './invalid-typed-value.js';
import { malformedAccessKeyId } from './malformed-access-key-id.js';
import { malformedSecretAccessKey } from './malformed-secret-access-key.js';
import { missingRegion } from './missing-region.js';
import { placeholderCredential } from './placeholder-credential.js';
import { quotedValue } from './quoted-value.js';
import { defaultSeverity } from './severity.js';
import { sessionTokenRequired } from './session-token-required.js';
import { spaceAroundEquals } from './space-around-equals.js';
import { trailingWhitespace } from './trailing-whitespace.js';
import { unexpectedSessionToken } from './unexpected-session-token.js';
import { unquotedHash } from './unquoted-hash.js';
import { unquotedValue } from './unquoted-value.js';
import { unterminatedQuote } from './unterminated-quote.js';
import { endingBlankLine } from './ending-blank-line.js';
import { extraBlankLine } from './extra-blank-line.js';
import { keyWithoutValue } from './key-without-value.js';
import { lowercaseKey } from './lowercase-key.js';
import { schemaCheck } from './schema.js';
import { substitutionKey } from './substitution-key.js';
import { unorderedKey } from './unordered-key.js';

export const DOCS_BASE_URL = 'https://github.com/credlint/credlint/blob/main/docs/checks/';

/** Report order: format checks, then AWS credential checks, then repository checks (as docs/guides/dotenv.md groups them). */
export const ALL_CHECKS: readonly Check[] = [
  quotedValue,
  spaceAroundEquals,
  trailingWhitespace,
  inlineComment,
  unquotedHash,
  unquotedValue,
  exportPrefix,
  unterminatedQuote,
  duplicateKey,
  invalidKey,
  sessionTokenRequired,
  unexpectedSessionToken,
  conflictingCredentialSources,
  incompleteKeyPair,
  missingRegion,
  invalidRegion,
  malformedAccessKeyId,
  malformedSecretAccessKey,
  placeholderCredential,
  invalidTypedValue,
  envFileNotIgnored,
  envFileTracked,
  exampleDrift,
  credentialInExample,
  // opt-in (off unless a setting turns them on)
  unorderedKey,
  lowercaseKey,
  extraBlankLine,
  endingBlankLine,
  keyWithoutValue,
  substitutionKey,
  schemaCheck,
];

export const checks: Readonly<Record<CheckId, CheckMeta>> = Object.freeze(
  Object.fromEntries(
    ALL_CHECKS.map((c) => [
      c.id,
      Object.freeze({
        id: c.id,
        kind: c.kind,
        description: c.description,
        docsUrl: `${DOCS_BASE_URL}${c.id}.md`,
        fixable: c.fixable,
        severity: defaultSeverity(c.id),
        restatesCore: c.restatesCore === true,
        optIn: c.optIn === true,
      }),
    ]),
  ) as Record<CheckId, CheckMeta>,
);

export const CHECK_IDS: readonly CheckId[] = ALL_CHECKS.map((c) => c.id);
