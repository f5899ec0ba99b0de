/**
 * Inputs that make every check fire with a generated credential in every position it can take (the
 * name, the value, a comment) on the lines the check talks about. Shared by the dotenv package's
 * no-leak test and the CLI's (packages/cli/test/no-leak-dotenv.test.ts).
 */
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken, prng } from '@credlint/core/testing';

export type Position = 'name' | 'value' | 'comment';

export interface LeakCase {
  check: string;
  position: Position;
  /** Which credential (for the test name). */
  kind: string;
  /** The credentials that must not appear whole in any message. */
  secrets: string[];
  /** Files to write, relative to the case directory; the first one is validated. */
  files: Record<string, string>;
  typedKeys?: Record<string, 'number'>;
}

function generic(seed: number): string {
  const rand = prng(seed);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let v = '';
  while (v.length < 32 || !/[0-9]/.test(v) || !/[A-Z]/.test(v) || !/[a-z]/.test(v)) v = Array.from({ length: 32 }, () => abc[Math.floor(rand() * abc.length)]).join('');
  return v;
}

export const CREDENTIALS: Record<string, string> = {
  'access key id': fakeAccessKeyId({ seed: 221 }),
  'secret access key': fakeSecretAccessKey(222),
  'session token': fakeSessionToken(223),
  'generic API token': generic(224),
};
/** Helpers the templates need besides the credential under test (themselves never shown whole either). */
export const ID = fakeAccessKeyId({ seed: 225 });
export const ASIA = fakeAccessKeyId({ prefix: 'ASIA', seed: 226 });
export const SECRET = fakeSecretAccessKey(227);
export const TOKEN = fakeSessionToken(9);

type Template = Partial<Record<Position, (t: string) => Record<string, string> | string>>;

/** Per check: the file (`.env` unless a record names others) for each position the credential can take. */
export const TEMPLATES: Record<string, Template> = {
  'invalid-key': {
    name: (t) => `${t}=1\n-${t}=1\n${t}: v\n${t}\n\t${t}=1\n'${t}'=1\n${t} X=1\n`,
    value: (t) => `A-B=${t}\nC: ${t}\n`,
    comment: (t) => `A-B=1 # ${t}\n`,
  },
  'duplicate-key': { name: (t) => `${t}=a\n${t}=b\n`, value: (t) => `A=${t}\nA=${t}\n`, comment: (t) => `A=1 # ${t}\nA=2 # ${t}\n` },
  'export-prefix': { name: (t) => `export ${t}=1\n`, value: (t) => `export A=${t}\n`, comment: (t) => `export A=1 # ${t}\n` },
  'space-around-equals': { name: (t) => `${t} = 1\n`, value: (t) => `A = ${t}\n`, comment: (t) => `A = 1 # ${t}\n` },
  'trailing-whitespace': { name: (t) => `${t}=1  \n`, value: (t) => `A=${t}  \n`, comment: (t) => `# ${t}  \nA=1  \n` },
  'quoted-value': { name: (t) => `${t}="v"\n`, value: (t) => `A="${t}"\n`, comment: (t) => `A="v" # ${t}\n` },
  'unquoted-hash': { name: (t) => `${t}=a#b\n`, value: (t) => `A=${t}#${t}\nB=x#${t}\n`, comment: (t) => `A=a#b # ${t}\n` },
  'unquoted-value': { name: (t) => `${t}=a b\n${t}=\${B!}\n`, value: (t) => `A=${t} ${t}\nB=pa$${t}\nC=\${${t}\n`, comment: (t) => `A=a b # ${t}\n` },
  'inline-comment': { name: (t) => `${t}=v # c\n`, value: (t) => `A=${t} # c\n`, comment: (t) => `A=v # ${t}\n` },
  'unterminated-quote': { name: (t) => `${t}="open\n`, value: (t) => `A="${t}\n`, comment: (t) => `A="open # ${t}\n` },
  'invalid-region': { value: (t) => `AWS_REGION=${t}\n`, comment: (t) => `AWS_REGION=mars-1 # ${t}\n` },
  'invalid-typed-value': { name: (t) => `${t}=many\n`, value: (t) => `AWS_MAX_ATTEMPTS=${t}\n`, comment: (t) => `AWS_MAX_ATTEMPTS=many # ${t}\n` },
  'malformed-access-key-id': {
    value: (t) => `AWS_ACCESS_KEY_ID=${t}x\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1\n`,
    comment: (t) => `AWS_ACCESS_KEY_ID=AKIA12 # ${t}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1\n`,
  },
  'malformed-secret-access-key': {
    value: (t) => `AWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=${t}x\nAWS_REGION=eu-west-1\n`,
    comment: (t) => `AWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=short # ${t}\nAWS_REGION=eu-west-1\n`,
  },
  'placeholder-credential': {
    value: (t) => `AWS_ACCESS_KEY_ID=<your-access-key-id>\nAWS_SECRET_ACCESS_KEY=${t}\nAWS_REGION=eu-west-1\n`,
    comment: (t) => `AWS_ACCESS_KEY_ID=<your-access-key-id> # ${t}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1\n`,
  },
  'session-token-required': {
    value: (t) => `AWS_ACCESS_KEY_ID=${ASIA}\nAWS_SECRET_ACCESS_KEY=${t}\nAWS_REGION=eu-west-1\n`,
    comment: (t) => `AWS_ACCESS_KEY_ID=${ASIA} # ${t}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1\n`,
  },
  'unexpected-session-token': {
    value: (t) => `AWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN=${t}\nAWS_REGION=eu-west-1\n`,
    comment: (t) => `AWS_ACCESS_KEY_ID=${ID} # ${t}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN=${TOKEN}\nAWS_REGION=eu-west-1\n`,
  },
  'incomplete-key-pair': { value: (t) => `AWS_ACCESS_KEY_ID=${t}\nAWS_REGION=eu-west-1\n`, comment: (t) => `AWS_SECRET_ACCESS_KEY=${SECRET} # ${t}\nAWS_REGION=eu-west-1\n` },
  'conflicting-credential-sources': {
    value: (t) => `AWS_PROFILE=${t}\nAWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1\n`,
    comment: (t) => `AWS_PROFILE=dev # ${t}\nAWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=eu-west-1\n`,
  },
  'missing-region': {
    value: (t) => `AWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=${t}\nAWS_DEFAULT_REGION=${t}\n`,
    comment: (t) => `AWS_PROFILE=dev # ${t}\n`,
  },
  'credential-in-example': {
    name: (t) => ({ '.env.example': `${t}=1\nAWS_ACCESS_KEY_ID=${ID}\n` }),
    value: (t) => ({ '.env.example': `AWS_SECRET_ACCESS_KEY=${t}\nAWS_ACCESS_KEY_ID=${ID}\n` }),
    comment: (t) => ({ '.env.example': `AWS_ACCESS_KEY_ID=${ID} # ${t}\n` }),
  },
  'example-drift': {
    name: (t) => ({ '.env': `${t}=1\n`, '.env.example': `${t}X=\nA=\n` }),
    value: (t) => ({ '.env': `B=${t}\n`, '.env.example': `A=${t}\n` }),
    comment: (t) => ({ '.env': `B=1 # ${t}\n`, '.env.example': `A= # ${t}\n` }),
  },
  'env-file-not-ignored': { name: (t) => `${t}=1\n`, value: (t) => `A=${t}\n`, comment: (t) => `# ${t}\nA=1\n` },
  // opt-in style checks (the test turns them on) and schema (the test passes SCHEMA)
  'unordered-key': { name: (t) => `${t}Z=1\n${t}A=1\n`, value: (t) => `B=${t}\nA=${t}\n`, comment: (t) => `B=1 # ${t}\nA=1 # ${t}\n` },
  'lowercase-key': { name: (t) => `${t.toLowerCase()}=1\n`, value: (t) => `a=${t}\n`, comment: (t) => `a=1 # ${t}\n` },
  'extra-blank-line': { name: (t) => `${t}=1\n\n\n${t}B=1\n`, value: (t) => `A=${t}\n\n\nB=${t}\n`, comment: (t) => `# ${t}\n\n\nA=1\n` },
  'ending-blank-line': { name: (t) => `${t}=1`, value: (t) => `A=${t}`, comment: (t) => `A=1 # ${t}` },
  'key-without-value': { name: (t) => `${t}\n`, value: (t) => `A=${t}\nB\n`, comment: (t) => `# ${t}\nB\n` },
  'substitution-key': { name: (t) => `${t}=\${B\n`, value: (t) => `A=\${${t}\n`, comment: (t) => `A=\${B # ${t}\n` },
  schema: { name: (t) => `${t}=1\n`, value: (t) => `PORT=${t}\nAWS_REGION=${t}\n`, comment: (t) => `PORT=x # ${t}\n` },
  // written and `git add`ed by the test
  'env-file-tracked': { name: (t) => `${t}=1\n`, value: (t) => `A=${t}\nAWS_ACCESS_KEY_ID=${ID}\n`, comment: (t) => `# ${t}\nA=1\n` },
};

/** The schema the `schema` cases are checked against: no other keys, an Integer, a region. */
export const SCHEMA = JSON.stringify({ version: '1.0.0', allow_other_keys: false, entries: { PORT: { type: 'Integer', required: true }, AWS_REGION: { type: 'AwsRegion' } } });

/** Every (check, position, credential) case. */
export function leakCases(): LeakCase[] {
  const out: LeakCase[] = [];
  for (const [check, template] of Object.entries(TEMPLATES)) {
    for (const [position, make] of Object.entries(template) as [Position, (t: string) => Record<string, string> | string][]) {
      for (const [kind, t] of Object.entries(CREDENTIALS)) {
        const made = make(t);
        const files = typeof made === 'string' ? { '.env': made } : made;
        const c: LeakCase = { check, position, kind, secrets: [t, ID, ASIA, SECRET, TOKEN], files };
        if (check === 'invalid-typed-value' && position === 'name') c.typedKeys = { [t]: 'number' };
        out.push(c);
      }
    }
  }
  return out;
}
