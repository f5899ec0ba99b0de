import { scan } from '@credlint/core';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';

export const credentialInExample: Check = {
  id: 'credential-in-example',
  kind: 'repository',
  description: 'A real-looking AWS credential in an example or template env file, which is meant to be committed.',
  fixable: false,
  restatesCore: true,
  run(ctx) {
    if (!ctx.isExample) return [];
    return scan(ctx.text, ctx.filename ? { filename: ctx.filename } : {}).map((f) =>
      diagnostic(
        ctx,
        'credential-in-example',
        f.start,
        f.end,
        `${f.message} in an example file, which is committed and shared: replace it with a placeholder (e.g. \`<your-access-key-id>\`) and rotate the credential.`,
      ),
    );
  },
};
