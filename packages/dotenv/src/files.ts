import { basename } from 'node:path';

const EXAMPLE_SUFFIX = /\.(example|sample|template|dist|tmpl|tpl|defaults?)$/i;

/**
 * Env files by name: `.env`, `.env.*` (`.env.local`, `.env.production`, `.env.example`), `*.env`
 * (`prod.env`, `example.env`). Not `.envrc` (direnv: a shell script, not an env file) and not backups
 * (`*.bak`, `*~`, `*.swp`).
 */
export function isEnvFile(path: string): boolean {
  const name = basename(path.replace(/\\/g, '/'));
  if (name === '.envrc' || /(\.bak|~|\.swp|\.orig)$/i.test(name)) return false;
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);
}

/**
 * Env files committed on purpose: examples and templates (`.env.example`, `.env.sample`, `.env.template`,
 * `.env.dist`, `example.env`), and React Native's `.xcode.env`, which its template commits (local overrides
 * go in `.xcode.env.local`). Being tracked is right for them; a real credential in one is still an error
 * (`credential-in-example`).
 */
export function isEnvExampleFile(path: string): boolean {
  if (!isEnvFile(path)) return false;
  const name = basename(path.replace(/\\/g, '/'));
  return name === '.xcode.env' || EXAMPLE_SUFFIX.test(name) || /^(example|sample|template)[._-]/i.test(name);
}

/** `~/.aws/credentials` and `~/.aws/config` (also any `credentials`/`config` file inside a `.aws` directory). */
export function awsSharedKind(path: string): 'credentials' | 'config' | undefined {
  const norm = path.replace(/\\/g, '/');
  const parts = norm.split('/');
  const name = parts[parts.length - 1];
  const dir = parts[parts.length - 2];
  if (dir !== '.aws') return undefined;
  if (name === 'credentials') return 'credentials';
  if (name === 'config') return 'config';
  return undefined;
}
