import { ACCESS_KEY_ID, lookup, SECRET_ACCESS_KEY, SESSION_TOKEN } from '../aws-vars.js';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';
import type { Diagnostic } from '../types.js';

export const incompleteKeyPair: Check = {
  id: 'incomplete-key-pair',
  kind: 'aws',
  description: 'An access key id without its secret access key, or the reverse (or a session token without keys).',
  fixable: false,
  run(ctx) {
    const id = lookup(ctx, ACCESS_KEY_ID);
    const secret = lookup(ctx, SECRET_ACCESS_KEY);
    const token = lookup(ctx, SESSION_TOKEN);
    const out: Diagnostic[] = [];
    const tail =
      'The SDKs skip environment credentials unless both are set and fall through to the next source (profile, SSO, instance role), which may be a different identity or none.';
    if (id && !secret)
      out.push(
        diagnostic(ctx, 'incomplete-key-pair', id.entryStart, id.entryEnd, `${ACCESS_KEY_ID} is set in ${ctx.source} but ${SECRET_ACCESS_KEY} is not. ${tail}`),
      );
    else if (secret && !id)
      out.push(
        diagnostic(
          ctx,
          'incomplete-key-pair',
          secret.entryStart,
          secret.entryEnd,
          `${SECRET_ACCESS_KEY} is set in ${ctx.source} but ${ACCESS_KEY_ID} is not. ${tail}`,
        ),
      );
    else if (token && !id && !secret)
      out.push(
        diagnostic(
          ctx,
          'incomplete-key-pair',
          token.entryStart,
          token.entryEnd,
          `${SESSION_TOKEN} is set in ${ctx.source} without ${ACCESS_KEY_ID} and ${SECRET_ACCESS_KEY}; a session token is only used together with its temporary key pair.`,
        ),
      );
    return out;
  },
};
