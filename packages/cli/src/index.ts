/**
 * credlint's command line. `main(argv)` resolves to the exit code: 0 clean, 1 findings at error
 * level (or over --max-warnings), 2 usage or I/O error. `run(argv, io)` is the same with explicit
 * streams, environment and working directory (tests, embedding).
 */
import { UsageError, type Io } from './types.js';
import { VERSION } from './version.js';

export type { Io, ReportFinding, Summary, FileNote } from './types.js';
export { VERSION } from './version.js';

const HELP = `credlint ${VERSION}: keep AWS credentials out of git and catch broken credential set-ups.

Usage: credlint <command> [options]

Commands:
  scan [paths...]     find credentials and env-file problems (default: .); --staged for the commit hook
  dotenv [files...]   validate env files (default: .env* here); --fix repairs them losslessly
  doctor              diagnose the credentials this shell would use
  init                wire this git repository's commit hook (husky, pre-commit framework or git hook)

Run \`credlint <command> --help\` for a command's options.`;

type Command = (argv: string[], io: Io) => Promise<number>;

// Commands load on demand: the commit hook only pays for `scan`.
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./commands/scan.js')).runScan,
  dotenv: async () => (await import('./commands/dotenv.js')).runDotenv,
  init: async () => (await import('./commands/init.js')).runInit,
  doctor: async () => (await import('./commands/doctor.js')).runDoctorCommand,
};

export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(`${HELP}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '-V' || command === '--version' || command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[command];
  if (!load) {
    io.stderr.write(`credlint: unknown command "${command}"\n\n${HELP}\n`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`credlint ${command}: ${(e as Error).message}\nRun \`credlint ${command} --help\` for usage.\n`);
      return 2;
    }
    io.stderr.write(`credlint ${command}: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

export function main(argv: string[]): Promise<number> {
  return run(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
}
