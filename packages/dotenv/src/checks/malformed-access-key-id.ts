import { inspectAccessKeyId, isDocumentationExample, isPlaceholder, mask } from '@credlint/core';
import { ACCESS_KEY_ID, lookup } from '../aws-vars.js';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';

const PROBLEM_TEXT: Record<string, string> = {
  length: 'it is not 20 characters long',
  lowercase: 'it has lower-case letters (key ids are upper case)',
  'non-base32': 'it has characters outside A–Z and 2–7',
  'resource-id': 'its prefix names an AWS resource, not a key',
  'unknown-prefix': 'it does not start with AKIA or ASIA',
  whitespace: 'it has leading or trailing whitespace',
  quotes: 'it still has quotes around it',
};

export const malformedAccessKeyId: Check = {
  id: 'malformed-access-key-id',
  kind: 'aws',
  description: 'AWS_ACCESS_KEY_ID that is not shaped like an access key id.',
  fixable: false,
  run(ctx) {
    const v = lookup(ctx, ACCESS_KEY_ID);
    if (!v) return [];
    const bare = v.value.trim();
    if (isPlaceholder(bare) || isDocumentationExample(bare)) return []; // placeholder-credential's job
    const r = inspectAccessKeyId(v.value);
    if (r.ok) return [];
    const problems = r.problems.map((p) =>
      p === 'resource-id' && r.resource ? `its prefix ${bare.slice(0, 4)} names an ${r.resource} id, not an access key` : (PROBLEM_TEXT[p] ?? p),
    );
    const message = `${ACCESS_KEY_ID} ${mask(bare)} is not an access key id: ${problems.join('; ')}. AWS rejects it with InvalidClientTokenId.`;
    return [diagnostic(ctx, 'malformed-access-key-id', v.start, v.end, message)];
  },
};
