/**
 * Which dialect an env file is judged in: `--dialect` > the configuration > what the files around
 * it say (dialect inference, @credlint/dotenv) > `portable`. One rule for `dotenv` and `scan`.
 */
import type { DialectInference, DialectInferrer } from '@credlint/dotenv';
import type { Dialect } from './dotenv-bridge.js';

export type DialectSource = 'flag' | 'config' | 'inferred' | 'default';

export interface DialectChoice {
  dialect: Dialect;
  source: DialectSource;
  /** Set when `source` is `inferred`: the reader and why, for the messages. */
  inference?: DialectInference;
}

export interface DialectInputs {
  /** `--dialect`, when given. */
  flag?: Dialect | undefined;
  /** From the configuration file (dialect per glob), when it names one for this file. */
  configured?: Dialect | undefined;
  /** The inference, or a function computing it (called only when neither flag nor configuration decide). */
  inferred?: DialectInference | (() => DialectInference | undefined) | undefined;
}

export function chooseDialect({ flag, configured, inferred }: DialectInputs): DialectChoice {
  if (flag) return { dialect: flag, source: 'flag' };
  if (configured) return { dialect: configured, source: 'config' };
  const inference = typeof inferred === 'function' ? inferred() : inferred;
  if (inference) return { dialect: inference.dialect, source: 'inferred', inference };
  return { dialect: 'portable', source: 'default' };
}

export interface DialectOptions {
  flag?: Dialect | undefined;
  /** The configuration's dialect for a file (absolute path); undefined until the config loader lands. */
  configured?: ((file: string) => Dialect | undefined) | undefined;
}

/**
 * The choice for each env file of one run, with one DialectInferrer: each directory is read once
 * however many env files it holds, and nothing is read when the flag decides.
 */
export function dialectChooser(inferrer: DialectInferrer, options: DialectOptions): (file: string) => DialectChoice {
  return (file) => chooseDialect({ flag: options.flag, configured: options.configured?.(file), inferred: () => inferrer.infer(file) });
}
