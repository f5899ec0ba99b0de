/**
 * `credlint doctor`: loaded lazily (it pulls in the shared-config readers, and the AWS SDK for --online),
 * so `scan` and the commit hook never pay for it. This wrapper takes the configuration flags
 * (--config FILE, --no-config) and applies the configuration's `rules` and `ignore` to doctor's findings.
 */
import path from 'node:path';
import { applyRules, configIgnores, loadConfig, type ConfigFlags, type LoadedConfig } from '../config.js';
import { ignoredBy } from '../scan/walk.js';
import { UsageError, type Io } from '../types.js';

interface DoctorFindingLike {
  file: string;
  ruleId: string;
  severity: 'error' | 'warning';
}

/** Takes `--config FILE` / `--config=FILE` / `--no-config` out of doctor's arguments (doctor's own parser refuses unknown flags). */
export function splitConfigFlags(argv: string[]): { rest: string[]; flags: ConfigFlags } {
  const rest: string[] = [];
  const flags: ConfigFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--no-config') flags.noConfig = true;
    else if (a === '--config') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('-')) throw new UsageError('--config needs a file');
      flags.config = v;
      i++;
    } else if (a.startsWith('--config=')) flags.config = a.slice('--config='.length);
    else rest.push(a);
  }
  return { rest, flags };
}

/** Doctor's findings under the configuration: findings on ignored files dropped, then `rules` severities. */
export function adjustDoctorFindings<T extends DoctorFindingLike>(findings: T[], config: LoadedConfig | undefined, cwd: string): T[] {
  const scopes = configIgnores(config);
  // `<environment>` and other non-path labels are never ignored: only files doctor read are paths.
  const kept = scopes.length ? findings.filter((f) => f.file.startsWith('<') || !ignoredBy(scopes, path.resolve(cwd, f.file), false)) : findings;
  return applyRules(kept, config);
}

export async function runDoctorCommand(argv: string[], io: Io): Promise<number> {
  const { runDoctor } = await import('../doctor/index.js');
  const { rest, flags } = splitConfigFlags(argv);
  // --help needs no configuration (and a broken one must not hide the help).
  const help = rest.some((a) => a === '-h' || a === '--help');
  const config = help ? undefined : await loadConfig(flags, io.cwd, io.cwd);
  return runDoctor(rest, io, config ? (findings) => adjustDoctorFindings(findings, config, io.cwd) : undefined);
}
