import { RuleTester as TSRuleTester } from '@typescript-eslint/rule-tester';
import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';

// Both testers run their cases as vitest tests.
TSRuleTester.afterAll = afterAll;
TSRuleTester.describe = describe;
TSRuleTester.it = it;
TSRuleTester.itOnly = it.only;
const core = RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown };
core.describe = describe;
core.it = it;
core.itOnly = it.only;

export { RuleTester, TSRuleTester };
