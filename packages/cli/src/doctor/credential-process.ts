import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { get } from './profiles.js';
import { fileFinding, settingAt, type Profile } from './shared-files.js';
import type { DoctorFinding } from './types.js';

/** The program of a credential_process command line: the first word, honouring quotes (the CLI splits without a shell). */
export function programOf(command: string): string {
  const c = command.trim();
  const q = c[0];
  if (q === '"' || q === "'") {
    const end = c.indexOf(q, 1);
    return end > 0 ? c.slice(1, end) : c.slice(1);
  }
  const ws = c.search(/\s/);
  return ws < 0 ? c : c.slice(0, ws);
}

function isExecutableFile(path: string): 'ok' | 'missing' | 'not-executable' {
  try {
    if (!statSync(path).isFile()) return 'missing';
  } catch {
    return 'missing';
  }
  if (process.platform === 'win32') return 'ok';
  try {
    accessSync(path, constants.X_OK);
    return 'ok';
  } catch {
    return 'not-executable';
  }
}

/** Where the command would be found: a path as given, or the first match on PATH (with PATHEXT on Windows). */
export function locate(program: string, env: NodeJS.ProcessEnv, cwd: string): { path?: string; state: 'ok' | 'missing' | 'not-executable' } {
  if (program.includes('/') || program.includes('\\')) {
    const path = isAbsolute(program) ? program : resolve(cwd, program);
    return { path, state: isExecutableFile(path) };
  }
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  let notExecutable: string | undefined;
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const path = join(dir, program + ext);
      const state = isExecutableFile(path);
      if (state === 'ok') return { path, state };
      if (state === 'not-executable') notExecutable ??= path;
    }
  }
  return notExecutable ? { path: notExecutable, state: 'not-executable' } : { state: 'missing' };
}

/** credential_process commands must exist and be executable. Doctor never runs them (offline, no side effects). */
export function checkCredentialProcess(profile: Profile, env: NodeJS.ProcessEnv, cwd: string): DoctorFinding[] {
  const command = get(profile, 'credential_process');
  const setting = profile.settings.get('credential_process');
  if (!command || !setting) return [];
  const program = programOf(command);
  const found = locate(program, env, cwd);
  if (found.state === 'ok') return [];
  const onPath = !(program.includes('/') || program.includes('\\'));
  if (found.state === 'not-executable') {
    return [
      fileFinding(
        setting.file.display,
        'credential-process-not-executable',
        'credential-process',
        'error',
        `credential_process of profile "${profile.name}" runs ${found.path}, which is not executable.`,
        `\`chmod +x ${found.path}\``,
        settingAt(setting),
      ),
    ];
  }
  return [
    fileFinding(
      setting.file.display,
      'credential-process-not-found',
      'credential-process',
      'error',
      `credential_process of profile "${profile.name}" runs "${program}", which ${onPath ? 'is not on PATH' : 'does not exist'}; the SDKs fail with "Error: spawn ${program} ENOENT" or similar.`,
      onPath ? `Install ${program} or write its absolute path in credential_process.` : `Fix the path in credential_process.`,
      settingAt(setting),
    ),
  ];
}
