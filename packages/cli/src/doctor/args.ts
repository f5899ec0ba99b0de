export interface DoctorOptions {
  format: 'stylish' | 'json';
  online: boolean;
  endpointUrl?: string;
  color?: boolean;
  help: boolean;
}

export const USAGE = `Usage: credlint doctor [--format stylish|json] [--online [--endpoint-url URL]] [--color|--no-color]

Diagnoses the AWS credentials this shell would use: AWS_* variables, ~/.aws/credentials and
~/.aws/config (or AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE), the SSO token cache,
credential_process commands, a .env in the current directory, and which source the AWS CLI
and the AWS SDK for JavaScript v3 would pick. Offline unless --online.

  --format stylish|json  report format (default stylish; json has the shape of \`credlint scan\`)
  --online               also call STS GetCallerIdentity with the resolved credentials
  --endpoint-url URL     STS endpoint for --online (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, AWS)
  --color, --no-color    force or disable colours (default: on a TTY, unless NO_COLOR)
  -h, --help             this text

Exit codes: 0 healthy (warnings allowed), 1 at least one error-level finding, 2 usage error.
`;

export class UsageError extends Error {}

/** Parses the arguments after `doctor`. Throws UsageError for anything it does not know. */
export function parseArgs(argv: string[]): DoctorOptions {
  const options: DoctorOptions = { format: 'stylish', online: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${name} needs a value`);
      return next;
    };
    switch (name) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--format': {
        const v = value();
        if (v !== 'stylish' && v !== 'json') throw new UsageError(`--format must be stylish or json, not "${v}"`);
        options.format = v;
        break;
      }
      case '--online':
        options.online = true;
        break;
      case '--endpoint-url': {
        const v = value();
        let url: URL;
        try {
          url = new URL(v);
        } catch {
          throw new UsageError(`--endpoint-url is not a URL: "${v}"`);
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint-url must be http(s), not ${url.protocol}`);
        options.endpointUrl = v;
        break;
      }
      case '--color':
        options.color = true;
        break;
      case '--no-color':
        options.color = false;
        break;
      default:
        throw new UsageError(arg.startsWith('-') ? `unknown option ${arg}` : `doctor takes no paths ("${arg}")`);
    }
  }
  if (options.endpointUrl && !options.online) throw new UsageError('--endpoint-url is only used with --online');
  return options;
}
