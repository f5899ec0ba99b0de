/** What kind of credential a finding is. */
export type FindingKind = 'access-key-id' | 'secret-access-key' | 'session-token' | 'account-id' | 'bedrock-api-key';

/** Stable rule ids, one per kind; front ends report under these names. */
export type CoreRuleId = 'aws-access-key-id' | 'aws-secret-access-key' | 'aws-session-token' | 'aws-account-id' | 'aws-bedrock-api-key';

/**
 * Prefixes of AWS unique ids that are credentials. AKIA and ASIA sign requests;
 * ABIA (STS service bearer token) and ACCA (context-specific credential) are
 * credential ids per the IAM User Guide's unique-id prefix table.
 */
export type KeyType = 'AKIA' | 'ASIA' | 'ABIA' | 'ACCA';

/** How a credential was encoded in the text (see Finding.encoding). */
export type FindingEncoding = 'base64' | 'percent' | 'json-escape';

export type Confidence = 'high' | 'medium' | 'low';

export interface Finding {
  kind: FindingKind;
  ruleId: CoreRuleId;
  /** Offset of the first character of the credential value itself (UTF-16 code units). */
  start: number;
  /** Offset one past the last character of the credential value. */
  end: number;
  confidence: Confidence;
  /** Why this is believed to be a credential, in words (never containing the value). */
  evidence: string[];
  /** The display form; the only form of the value any output may show. */
  masked: string;
  /** A one-line, masked, human message. */
  message: string;
  /** For key ids. */
  keyType?: KeyType;
  /**
   * For key ids in the modern format: the AWS account id decoded from the key id. For Bedrock
   * API keys: the account named in a long-term key, or decoded from a short-term key's ASIA id.
   */
  accountId?: string;
  /** For short-term Bedrock API keys: the embedded ASIA key id, masked. */
  embeddedKeyId?: string;
  /** For short-term Bedrock API keys: when the presigned URL expires (X-Amz-Date + X-Amz-Expires), ISO 8601. */
  expiresAt?: string;
  /** The key / property / variable name that named the value, when one was seen. */
  keyName?: string;
  /**
   * How the value was encoded where it was found (the outermost encoding; the evidence names
   * any inner ones). `start`/`end` cover the encoded form; `masked` shows the decoded one.
   */
  encoding?: FindingEncoding;
  /** For key ids of a canarytokens.org account: using the key alerts whoever planted it. */
  canary?: true;
  /** Set when an inline `credlint-ignore` directive silenced this finding. */
  ignored?: { line: number; directive: 'credlint-ignore' | 'credlint-ignore-next-line' };
}

export interface ScanContext {
  /**
   * The name the host's syntax tree gives the scanned text (property, variable,
   * keyword argument, YAML/TOML/JSON key). Used as evidence as if it stood
   * immediately before the text.
   */
  keyName?: string;
  /** The host knows the surroundings are about AWS (e.g. an AWS SDK call, a `provider "aws"` block). */
  awsContext?: boolean;
  /** The host saw an AWS key id close to this text (e.g. in a sibling property). */
  nearbyKeyId?: boolean;
}

export interface ScanOptions {
  /** Used to pick up file-level context (e.g. `~/.aws/credentials`, Terraform). */
  filename?: string;
  /** Kinds to report; default: every kind except `account-id`. */
  kinds?: readonly FindingKind[];
  /** Evidence the host knows and the text does not show. */
  context?: ScanContext;
  /** Honour inline `credlint-ignore` directives (default true). */
  inlineIgnores?: boolean;
  /** Instrumentation for the linear-time tests: counts characters the scanner visits. */
  stats?: ScanStats;
}

export interface ScanStats {
  /** Characters read by the scanner's own loops (names, values, windows, lines, directives). */
  charsVisited: number;
  /**
   * Candidate anchor positions examined (each O(1)). The anchor search itself is a fixed
   * number of forward-only native `indexOf` scans.
   */
  anchorChecks?: number;
}

export interface ScanResult {
  /** Findings to report, in text order. */
  findings: Finding[];
  /** Findings silenced by an inline directive: counted, never silently lost. */
  ignored: Finding[];
}
