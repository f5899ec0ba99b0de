import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** The home directory as the AWS SDKs compute it: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS. */
export function awsHomeDir(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}`;
  return homedir();
}

/** `~/x` in AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE is expanded by the SDKs; relative paths are taken from cwd. */
function expand(path: string, env: NodeJS.ProcessEnv, cwd: string): string {
  if (path === '~') return awsHomeDir(env);
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(awsHomeDir(env), path.slice(2));
  return isAbsolute(path) ? path : resolve(cwd, path);
}

export interface SharedFileLocation {
  kind: 'credentials' | 'config';
  path: string;
  /** The variable that moved it, when one did. */
  override?: 'AWS_SHARED_CREDENTIALS_FILE' | 'AWS_CONFIG_FILE';
}

export function sharedFileLocations(env: NodeJS.ProcessEnv, cwd: string): SharedFileLocation[] {
  const home = awsHomeDir(env);
  const credentials: SharedFileLocation = env.AWS_SHARED_CREDENTIALS_FILE
    ? { kind: 'credentials', path: expand(env.AWS_SHARED_CREDENTIALS_FILE, env, cwd), override: 'AWS_SHARED_CREDENTIALS_FILE' }
    : { kind: 'credentials', path: join(home, '.aws', 'credentials') };
  const config: SharedFileLocation = env.AWS_CONFIG_FILE
    ? { kind: 'config', path: expand(env.AWS_CONFIG_FILE, env, cwd), override: 'AWS_CONFIG_FILE' }
    : { kind: 'config', path: join(home, '.aws', 'config') };
  return [credentials, config];
}

export function ssoCacheDir(env: NodeJS.ProcessEnv): string {
  return join(awsHomeDir(env), '.aws', 'sso', 'cache');
}

export { displayPath } from '../display-path.js';
