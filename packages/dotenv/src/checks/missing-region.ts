import { ACCESS_KEY_ID, lookup } from '../aws-vars.js';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';

export const missingRegion: Check = {
  id: 'missing-region',
  kind: 'aws',
  description: 'AWS credentials without AWS_REGION (the JavaScript SDK v3 ignores AWS_DEFAULT_REGION).',
  fixable: false,
  run(ctx) {
    if (lookup(ctx, 'AWS_REGION')) return [];
    const legacy = lookup(ctx, 'AWS_DEFAULT_REGION');
    if (legacy) {
      const message = `Only AWS_DEFAULT_REGION is set in ${ctx.source}: the AWS CLI and boto3 read it, but the AWS SDK for JavaScript v3 reads AWS_REGION (then the profile's region) and fails with "Region is missing". Set AWS_REGION too.`;
      return [diagnostic(ctx, 'missing-region', legacy.entryStart, legacy.entryEnd, message)];
    }
    const anchor = lookup(ctx, ACCESS_KEY_ID) ?? lookup(ctx, 'AWS_PROFILE');
    if (!anchor) return [];
    const message = `AWS credentials are set in ${ctx.source} but no region: unless the profile in ~/.aws/config sets one, the SDKs fail with "Region is missing". Set AWS_REGION (the JavaScript SDK v3 does not read AWS_DEFAULT_REGION).`;
    return [diagnostic(ctx, 'missing-region', anchor.entryStart, anchor.entryEnd, message)];
  },
};
