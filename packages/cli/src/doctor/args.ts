import { parseArgs as parseArgv } from 'node:util';
import { UsageError } from '../types.js';

export { UsageError } from '../types.js';

export interface DoctorOptions {
  format: 'stylish' | 'json';
  online: boolean;
  endpointUrl?: string;
  /** Overall deadline of one online check (credentials + connect + TLS + response), in milliseconds. */
  timeoutMs: number;
  /** With --online: false skips profiles whose credentials come from a credential_process command. */
  credentialProcess: boolean;
  color?: boolean;
  help: boolean;
}

export const DEFAULT_TIMEOUT_SECONDS = 10;

export const USAGE = `Usage: credlint doctor [--format stylish|json] [--online [--endpoint-url URL] [--timeout SECONDS] [--no-credential-process]] [--color|--no-color]

Diagnoses the AWS credentials this shell would use: AWS_* variables, ~/.aws/credentials and
~/.aws/config (or AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE), the SSO token cache,
credential_process commands, a .env in the current directory, and which source the AWS CLI
and the AWS SDK for JavaScript v3 would pick. Offline unless --online.

  --format stylish|json    report format (default stylish; json has the shape of \`credlint scan\`)
  --online                 also call STS GetCallerIdentity with the resolved credentials. For a profile
                           whose credentials come from credential_process, this RUNS that command
                           (announced on stderr first, with the profile and the masked command)
  --endpoint-url URL       STS endpoint for --online (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, AWS)
  --timeout SECONDS        deadline of each online check, from obtaining the credentials to the
                           answer (default ${DEFAULT_TIMEOUT_SECONDS})
  --no-credential-process  with --online: never run credential_process commands; those checks are
                           skipped and reported as sts-credential-process-skipped
  --color, --no-color      force or disable colours (default: on a TTY, unless NO_COLOR)
  --config FILE            read the configuration from FILE (default: searched from here up to
                           the repository root); doctor applies its "rules" and "ignore"
  --no-config              use no configuration file
  -h, --help               this text

Exit codes: 0 healthy (warnings allowed), 1 at least one error-level finding,
2 usage error or a file doctor could not inspect (listed in summary.errors).
`;

const OPTIONS = {
  format: { type: 'string' },
  online: { type: 'boolean' },
  'endpoint-url': { type: 'string' },
  timeout: { type: 'string' },
  'no-credential-process': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the arguments after `doctor`. Throws UsageError for anything it does not know. */
export function parseArgs(argv: string[]): DoctorOptions {
  const options: DoctorOptions = { format: 'stylish', online: false, timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000, credentialProcess: true, help: false };
  // Non-strict with tokens: node's own messages would not say what doctor accepts, so each case is worded here.
  const { tokens } = parseArgv({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') throw new UsageError(t.value.startsWith('-') ? `unknown option ${t.value}` : `doctor takes no paths ("${t.value}")`);
    const spec = (OPTIONS as Record<string, { type: 'string' | 'boolean' }>)[t.name];
    if (!spec) throw new UsageError(`unknown option ${t.rawName}`);
    seen.add(t.name);
    let value: string | undefined;
    if (spec.type === 'string') {
      // `--format --online`: the next flag is not a value.
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('-'))) throw new UsageError(`${t.rawName} needs a value`);
      value = t.value;
    } else if (t.value !== undefined) {
      throw new UsageError(`${t.rawName} takes no value`);
    }
    switch (t.name) {
      case 'help':
        options.help = true;
        break;
      case 'format':
        if (value !== 'stylish' && value !== 'json') throw new UsageError(`--format must be stylish or json, not "${value}"`);
        options.format = value;
        break;
      case 'online':
        options.online = true;
        break;
      case 'endpoint-url': {
        let url: URL;
        try {
          url = new URL(value!);
        } catch {
          throw new UsageError(`--endpoint-url is not a URL: "${value}"`);
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint-url must be http(s), not ${url.protocol}`);
        options.endpointUrl = value!;
        break;
      }
      case 'timeout': {
        const seconds = /^\d+(?:\.\d+)?$/.test(value!) ? Number(value) : NaN;
        if (!(seconds > 0) || seconds > 3600) throw new UsageError(`--timeout needs a number of seconds between 0 and 3600, not "${value}"`);
        options.timeoutMs = Math.ceil(seconds * 1000);
        break;
      }
      case 'no-credential-process':
        options.credentialProcess = false;
        break;
      case 'color':
        options.color = true;
        break;
      case 'no-color':
        options.color = false;
        break;
    }
  }
  if (!options.online) {
    for (const flag of ['endpoint-url', 'timeout', 'no-credential-process']) {
      if (seen.has(flag)) throw new UsageError(`--${flag} is only used with --online`);
    }
  }
  return options;
}
