import { inspectSecretAccessKey, mask } from '@credlint/core';
import { lookup, SECRET_ACCESS_KEY } from '../aws-vars.js';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';

const PROBLEM_TEXT: Record<string, string> = {
  whitespace: 'it has leading or trailing whitespace',
  quotes: 'it still has quotes around it',
  length: 'it is not 40 characters long',
  alphabet: 'it has characters outside A–Z, a–z, 0–9, + and /',
  padding: 'it ends with `=` padding (secret keys have none)',
  'not-random': 'it does not look random',
};

export const malformedSecretAccessKey: Check = {
  id: 'malformed-secret-access-key',
  kind: 'aws',
  description: 'AWS_SECRET_ACCESS_KEY that is not shaped like a secret access key.',
  fixable: false,
  run(ctx) {
    const v = lookup(ctx, SECRET_ACCESS_KEY);
    if (!v) return [];
    const r = inspectSecretAccessKey(v.value);
    if (r.ok || r.problems.includes('placeholder') || r.problems.includes('example')) return [];
    const onlyStyle = r.problems.every((p) => p === 'not-random');
    const message = `${SECRET_ACCESS_KEY} ${mask(v.value.trim())} is not a secret access key: ${r.problems.map((p) => PROBLEM_TEXT[p] ?? p).join('; ')}.${onlyStyle ? '' : ' AWS rejects the signature (SignatureDoesNotMatch).'}`;
    return [diagnostic(ctx, 'malformed-secret-access-key', v.start, v.end, message)];
  },
};
