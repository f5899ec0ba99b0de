// Compile-time check (run by ../types.test.ts): the package's own structural types stay
// assignable to secretlint's, so the published declarations need no @secretlint/types.
import type { SecretLintRuleCreator, SecretLintRulePresetCreator } from '@secretlint/types';
import { creator, rules } from '../../src/index.js';
import { awsAccessKeyId, awsAccountId, awsSecretAccessKey, awsSessionToken, awsSessionTokenRequired } from '../../src/internals.js';

export const preset: SecretLintRulePresetCreator = creator;
export const members: SecretLintRuleCreator[] = rules;
export const each: SecretLintRuleCreator<{ allows?: string[] }>[] = [awsAccessKeyId, awsSecretAccessKey, awsSessionToken, awsSessionTokenRequired, awsAccountId];
