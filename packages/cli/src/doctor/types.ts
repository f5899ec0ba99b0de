/** What doctor reports: the JSON contract of docs/cli.md, plus the fix shown in the human report. */
export type Severity = 'error' | 'warning';

/** Which part of the set-up a finding is about; the human report groups findings by it. */
export type DoctorKind = 'environment' | 'shared-file' | 'sso' | 'credential-process' | 'resolution' | 'sts';

export interface DoctorFinding {
  /** `<environment>` for process variables, else the file (relative to cwd when inside it, absolute otherwise). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  kind: DoctorKind;
  severity: Severity;
  /** Masked; never a whole credential. */
  message: string;
  /** What to do about it (shown under the message; appended to `message` in JSON). */
  fix: string;
}

export const ENVIRONMENT = '<environment>';

/** A credential source as one SDK family would pick it. */
export type CredentialSource =
  | { type: 'environment'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { type: 'profile'; profile: string; via: string }
  | { type: 'web-identity'; roleArn: string; tokenFile: string }
  | { type: 'container'; variable: string }
  | { type: 'instance-metadata' }
  | { type: 'none'; reason: string };

export interface Resolution {
  /** AWS CLI v2 and the SDKs that follow the standard chain (env keys before any profile). */
  standard: { source: CredentialSource; profile: string; profileFrom: string; region?: string; regionFrom?: string };
  /** AWS SDK for JavaScript v3 (`AWS_PROFILE` skips the env keys; `AWS_DEFAULT_PROFILE`/`AWS_DEFAULT_REGION` unread). */
  jsV3: { source: CredentialSource; profile: string; profileFrom: string; region?: string; regionFrom?: string };
  /** Extra lines of explanation (differences between tools). */
  notes: string[];
}

export interface OnlineResult {
  label: string;
  ok: boolean;
  account?: string;
  arn?: string;
  userId?: string;
}

export interface DoctorReport {
  findings: DoctorFinding[];
  files: string[];
  /** I/O problems, as scan reports them in `summary.errors`. */
  errors: { file: string; code: string; message: string }[];
  resolution: Resolution;
  online: OnlineResult[];
  /** Sections that found nothing to inspect (e.g. no shared files), for the human report. */
  inspected: { environment: string[]; sharedFiles: string[]; dotenv?: string };
  /** Credential values seen (never output): the report is redacted against them as a last line of defence. */
  secrets: string[];
}
