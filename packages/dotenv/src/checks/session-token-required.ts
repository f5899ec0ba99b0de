import { keyTypeOf, mask } from '@credlint/core';
import { ACCESS_KEY_ID, lookup, SESSION_TOKEN } from '../aws-vars.js';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';

export const sessionTokenRequired: Check = {
  id: 'session-token-required',
  kind: 'aws',
  description: 'A temporary (ASIA…) access key without AWS_SESSION_TOKEN.',
  fixable: false,
  run(ctx) {
    const id = lookup(ctx, ACCESS_KEY_ID);
    if (!id || keyTypeOf(id.value.trim()) !== 'ASIA' || lookup(ctx, SESSION_TOKEN)) return [];
    const message = `${ACCESS_KEY_ID} ${mask(id.value.trim())} is a temporary key (ASIA…) from AWS STS, but AWS_SESSION_TOKEN is not set in ${ctx.source}: every request fails with UnrecognizedClientException ("The security token included in the request is invalid"). Set AWS_SESSION_TOKEN from the same STS response.`;
    return [diagnostic(ctx, 'session-token-required', id.start, id.end, message)];
  },
};
