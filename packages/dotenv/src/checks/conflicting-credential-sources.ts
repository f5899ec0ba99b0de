import { ACCESS_KEY_ID, lookup, SECRET_ACCESS_KEY } from '../aws-vars.js';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';

export const conflictingCredentialSources: Check = {
  id: 'conflicting-credential-sources',
  kind: 'aws',
  description: 'AWS_PROFILE together with static keys: tools disagree about which one wins.',
  fixable: false,
  run(ctx) {
    const profile = lookup(ctx, 'AWS_PROFILE');
    const id = lookup(ctx, ACCESS_KEY_ID);
    const secret = lookup(ctx, SECRET_ACCESS_KEY);
    if (!profile || (!id && !secret)) return [];
    const keys = [id ? ACCESS_KEY_ID : undefined, secret ? SECRET_ACCESS_KEY : undefined].filter(Boolean).join('/');
    const message = `AWS_PROFILE and ${keys} are both set in ${ctx.source}: the AWS CLI and most SDKs (Python/boto3, Java, Go, .NET) use the environment keys; the AWS SDK for JavaScript v3 uses the profile instead (and prints a "Multiple credential sources detected" warning). Set only one.`;
    return [diagnostic(ctx, 'conflicting-credential-sources', profile.entryStart, profile.entryEnd, message)];
  },
};
