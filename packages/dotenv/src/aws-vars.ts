import type { AwsVar, CheckContext } from './context.js';

/** The last non-empty setting of `name` (an empty value is the same as unset for every SDK). */
export function lookup(ctx: Pick<CheckContext, 'vars'>, name: string): AwsVar | undefined {
  for (let i = ctx.vars.length - 1; i >= 0; i--) {
    const v = ctx.vars[i] as AwsVar;
    if (v.key === name) return v.value.trim() === '' ? undefined : v;
  }
  return undefined;
}

export const ACCESS_KEY_ID = 'AWS_ACCESS_KEY_ID';
export const SECRET_ACCESS_KEY = 'AWS_SECRET_ACCESS_KEY';
export const SESSION_TOKEN = 'AWS_SESSION_TOKEN';
