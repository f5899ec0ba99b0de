/**
 * The slice of @credlint/dotenv the CLI uses, loaded once and lazily so that a scan of a tree
 * without env files never pays for it, and so a missing/older build degrades to "no env checks"
 * (reported once) instead of a crash.
 */
import type * as Dotenv from '@credlint/dotenv';
import { awsSharedKind, isEnvExampleFile, isEnvFile } from '@credlint/dotenv/files';

export type Dialect = Dotenv.Dialect;
export type Diagnostic = Dotenv.Diagnostic;

/** The members the CLI calls; typed from the package so a contract change fails the build. */
export type DotenvApi = Pick<typeof Dotenv, 'isEnvFile' | 'isEnvExampleFile' | 'awsSharedKind' | 'validate' | 'validateAwsShared' | 'validateFile' | 'checks' | 'loadSchema' | 'SchemaError' | 'STYLE_CHECKS'>;

/** The file-name predicates, from a light entry point: naming env files must not load the validator. */
export type EnvFileNames = Pick<DotenvApi, 'isEnvFile' | 'isEnvExampleFile' | 'awsSharedKind'>;
export const envFileNames: EnvFileNames = { isEnvFile, isEnvExampleFile, awsSharedKind };

let loaded: Promise<DotenvApi | undefined> | undefined;
let loadError: string | undefined;

function isApi(m: Record<string, unknown>): boolean {
  return ['isEnvFile', 'isEnvExampleFile', 'awsSharedKind', 'validate', 'validateAwsShared', 'validateFile', 'loadSchema'].every(
    (k) => typeof m[k] === 'function',
  ) && typeof m.checks === 'object';
}

/** The dotenv validator, or undefined (with `dotenvLoadError()` saying why) when it is not available. */
export function loadDotenv(): Promise<DotenvApi | undefined> {
  loaded ??= import('@credlint/dotenv').then(
    (m) => {
      if (isApi(m as unknown as Record<string, unknown>)) return m as unknown as DotenvApi;
      loadError = '@credlint/dotenv does not export the validator API yet';
      return undefined;
    },
    (e: unknown) => {
      loadError = `@credlint/dotenv could not be loaded: ${(e as Error).message}`;
      return undefined;
    },
  );
  return loaded;
}

export function dotenvLoadError(): string | undefined {
  return loadError;
}
