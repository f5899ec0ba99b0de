import { isDocumentationExample, isPlaceholder, mask } from '@credlint/core';
import { ACCESS_KEY_ID, lookup, SECRET_ACCESS_KEY, SESSION_TOKEN } from '../aws-vars.js';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';
import type { Diagnostic } from '../types.js';

export const placeholderCredential: Check = {
  id: 'placeholder-credential',
  kind: 'aws',
  description: 'A placeholder or AWS documentation example where a real credential is expected.',
  fixable: false,
  run(ctx) {
    // Example and template files are where placeholders belong.
    if (ctx.isExample) return [];
    const out: Diagnostic[] = [];
    for (const key of [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN]) {
      const v = lookup(ctx, key);
      if (!v) continue;
      const bare = v.value.trim();
      const example = isDocumentationExample(bare);
      if (!example && !isPlaceholder(bare)) continue;
      const what = example ? 'the AWS documentation example' : 'a placeholder';
      const message = `${key} ${mask(bare)} is ${what}, not a credential: the SDKs send it and AWS rejects it (InvalidClientTokenId / SignatureDoesNotMatch), hiding any real credentials further down the chain. Fill it in or remove the line.`;
      out.push(diagnostic(ctx, 'placeholder-credential', v.start, v.end, message));
    }
    return out;
  },
};
