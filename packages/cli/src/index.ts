/**
 * credlint's command line. `main(argv)` resolves to the exit code: 0 clean, 1 findings at error
 * level (or over --max-warnings), 2 usage or I/O error. `run(argv, io)` is the same with explicit
 * streams, environment and working directory (tests, embedding).
 */
import { EXIT_BROKEN_PIPE } from './exit-code.js';
import { escapeControl } from './format/escape.js';
import { ConfigError, UsageError, type Io } from './types.js';
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
    io.stderr.write(`credlint: unknown command "${escapeControl(command)}"\n\n${HELP}\n`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest, io);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr.write(`credlint ${command}: ${escapeControl(e.message)}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // Usage errors quote what was typed: shown with control characters escaped.
      io.stderr.write(`credlint ${command}: ${escapeControl((e as Error).message)}\nRun \`credlint ${command} --help\` for usage.\n`);
      return 2;
    }
    io.stderr.write(`credlint ${command}: ${((e as Error).stack ?? String(e)).split('\n').map(escapeControl).join('\n')}\n`);
    return 2;
  }
}

/**
 * When the reader of stdout or stderr goes away (`credlint scan | head -1`), stop quietly with
 * 141 (128 + SIGPIPE, what a shell reports for a tool killed by the broken pipe): never an
 * "Unhandled 'error' event" trace, and never 1, which tells a script "findings".
 */
function exitOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
    throw e;
  });
}

export function main(argv: string[]): Promise<number> {
  exitOnBrokenPipe(process.stdout);
  exitOnBrokenPipe(process.stderr);
  return run(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
}
