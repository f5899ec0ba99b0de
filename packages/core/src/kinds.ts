/**
 * One descriptor per finding kind: everything a front end needs to name, document and fix a kind.
 * A new kind is added here (the `satisfies` makes a missing one a type error) and in the detector.
 */
import type { CoreRuleId, FindingKind } from './types.js';

export interface KindDescriptor {
  /** The rule id every front end reports under (secretlint prefixes it, ESLint reports it in the message). */
  ruleId: CoreRuleId;
  /** The environment variable the AWS SDKs and CLIs read this credential from, when there is one. */
  envVar?: 'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY' | 'AWS_SESSION_TOKEN' | 'AWS_BEARER_TOKEN_BEDROCK';
  /** Short title, e.g. for SARIF rule descriptions and docs tables. */
  title: string;
  /** Path of the kind's documentation below the repository's docs/ folder. */
  docsPath: string;
  /** Reported when a caller does not choose kinds. */
  defaultOn: boolean;
}

export const DOCS_URL = 'https://github.com/credlint/credlint/blob/main/docs/';

export const KINDS = {
  'access-key-id': {
    ruleId: 'aws-access-key-id',
    envVar: 'AWS_ACCESS_KEY_ID',
    title: 'AWS access key id (AKIA/ASIA/ABIA/ACCA) in a file',
    docsPath: 'cli.md#aws-access-key-id',
    defaultOn: true,
  },
  'secret-access-key': {
    ruleId: 'aws-secret-access-key',
    envVar: 'AWS_SECRET_ACCESS_KEY',
    title: 'AWS secret access key (40 characters of base64, with AWS evidence) in a file',
    docsPath: 'cli.md#aws-secret-access-key',
    defaultOn: true,
  },
  'session-token': {
    ruleId: 'aws-session-token',
    envVar: 'AWS_SESSION_TOKEN',
    title: 'AWS STS session token in a file',
    docsPath: 'cli.md#aws-session-token',
    defaultOn: true,
  },
  'account-id': {
    ruleId: 'aws-account-id',
    title: 'AWS account id in a file',
    docsPath: 'cli.md#aws-account-id',
    defaultOn: false,
  },
  'bedrock-api-key': {
    ruleId: 'aws-bedrock-api-key',
    envVar: 'AWS_BEARER_TOKEN_BEDROCK',
    title: 'Amazon Bedrock API key (long-term ABSK…, short-term bedrock-api-key-…) in a file',
    docsPath: 'cli.md#aws-bedrock-api-key',
    defaultOn: true,
  },
} as const satisfies Record<FindingKind, KindDescriptor>;

/** Every kind, in the table's order. */
export const FINDING_KINDS = Object.keys(KINDS) as FindingKind[];

/** The kinds reported when a caller does not choose. */
export const DEFAULT_KINDS: readonly FindingKind[] = FINDING_KINDS.filter((k) => KINDS[k].defaultOn);

/** The kind a core rule id belongs to, or undefined for any other id. */
export function kindOfRule(ruleId: string): FindingKind | undefined {
  return FINDING_KINDS.find((k) => KINDS[k].ruleId === ruleId);
}

export function docsUrlOf(kind: FindingKind): string {
  return DOCS_URL + KINDS[kind].docsPath;
}
