import { mask } from '@credlint/core';
import { lookup } from '../aws-vars.js';
import type { Check } from '../context.js';
import { diagnostic } from '../context.js';
import { judgeRegion, nearestRegion, PARTITIONS_SOURCE } from '../regions.js';
import type { Diagnostic } from '../types.js';
import { append } from '../append.js';

export const REGION_KEYS = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'CDK_DEFAULT_REGION'];

export const invalidRegion: Check = {
  id: 'invalid-region',
  kind: 'aws',
  description: 'A region code that is not an AWS region (checked against the SDK partition data).',
  fixable: false,
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const key of REGION_KEYS) {
      const v = lookup(ctx, key);
      if (!v) continue;
      append(out, judge(ctx, key, v.value, v.start, v.end));
    }
    return out;
  },
};

export function judge(ctx: Parameters<typeof diagnostic>[0], key: string, value: string, start: number, end: number): Diagnostic[] {
  const j = judgeRegion(value);
  if (j.kind === 'known') return [];
  // region names are short: a long value is likely something pasted into the wrong variable, shown masked
  const shown = value.length > 24 ? `${JSON.stringify(mask(value))} (${value.length} characters)` : JSON.stringify(value);
  if (j.kind === 'pattern') {
    const message = `${key}=${shown} is not a region in ${PARTITIONS_SOURCE}, though it has the shape of one in the ${j.partition} partition: a new region, or a typo.`;
    return [diagnostic(ctx, 'invalid-region', start, end, message)];
  }
  const near = nearestRegion(value);
  const message = `${key}=${shown} is not an AWS region: ${j.reason}.${near ? ` Did you mean ${near}?` : ''}`;
  return [diagnostic(ctx, 'invalid-region', start, end, message)];
}
