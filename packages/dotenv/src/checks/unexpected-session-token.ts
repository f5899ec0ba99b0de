import { keyTypeOf, mask } from '@credlint/core';
import { ACCESS_KEY_ID, lookup, SESSION_TOKEN } from '../aws-vars.js';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';

export const unexpectedSessionToken: Check = {
  id: 'unexpected-session-token',
  kind: 'aws',
  description: 'A long-term (AKIA…) access key together with AWS_SESSION_TOKEN.',
  fixable: false,
  run(ctx) {
    const id = lookup(ctx, ACCESS_KEY_ID);
    const token = lookup(ctx, SESSION_TOKEN);
    if (!id || !token || keyTypeOf(id.value.trim()) !== 'AKIA') return [];
    const message = `${ACCESS_KEY_ID} ${mask(id.value.trim())} is a long-term key (AKIA…), but AWS_SESSION_TOKEN is also set: the SDKs sign with the token and AWS rejects the request ("The security token included in the request is invalid"). The token belongs to a different, temporary key: remove it or set the matching ASIA… key.`;
    return [diagnostic(ctx, 'unexpected-session-token', token.start, token.end, message)];
  },
};
