/**
 * The slice of @credlint/dotenv the CLI uses, loaded once and lazily so that a scan of a tree
 * without env files never pays for it (~60 ms of module loading).
 */
import type * as Dotenv from '@credlint/dotenv';
import { awsSharedKind, isEnvExampleFile, isEnvFile } from '@credlint/dotenv/files';

export type Dialect = Dotenv.Dialect;
export type Diagnostic = Dotenv.Diagnostic;
export type RepositoryFacts = Dotenv.RepositoryFacts;

/** The members the CLI calls; typed from the package so a contract change fails the build. */
export type DotenvApi = Pick<
  typeof Dotenv,
  | 'isEnvFile'
  | 'isEnvExampleFile'
  | 'awsSharedKind'
  | 'validate'
  | 'validateAwsShared'
  | 'validateFile'
  | 'checks'
  | 'DIALECTS'
  | 'DialectInferrer'
  | 'annotate'
  | 'loadSchema'
  | 'SchemaError'
  | 'STYLE_CHECKS'
  | 'repositoryFacts'
  | 'projectNodeLine'
>;

/** The file-name predicates, from a light entry point: naming env files must not load the validator. */
export type EnvFileNames = Pick<DotenvApi, 'isEnvFile' | 'isEnvExampleFile' | 'awsSharedKind'>;
export const envFileNames: EnvFileNames = { isEnvFile, isEnvExampleFile, awsSharedKind };

let loaded: Promise<DotenvApi> | undefined;

/**
 * The dotenv validator, imported once. A failed import rejects: the caller reports it and exits 2
 * (fail closed), never "no env checks".
 */
export function loadDotenv(): Promise<DotenvApi> {
  loaded ??= import('@credlint/dotenv');
  return loaded;
}
