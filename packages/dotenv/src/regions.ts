import { PARTITIONS, PARTITIONS_SOURCE } from './regions.generated.js';

export { PARTITIONS_SOURCE };

export type RegionJudgement =
  { kind: 'known'; partition: string; description: string } | { kind: 'pattern'; partition: string } | { kind: 'invalid'; reason: string };

/** Judges a region code against the AWS partition data: known region, plausible future one, or not a region. */
export function judgeRegion(value: string): RegionJudgement {
  if (value !== value.trim())
    return { kind: 'invalid', reason: 'it has leading or trailing whitespace (the SDKs reject it: "not a valid hostname component")' };
  if (value !== value.toLowerCase()) return { kind: 'invalid', reason: 'region codes are lower case' };
  for (const p of PARTITIONS) {
    const d = p.regions[value];
    if (d !== undefined) return { kind: 'known', partition: p.id, description: d };
  }
  for (const p of PARTITIONS) {
    if (new RegExp(p.regionRegex).test(value)) return { kind: 'pattern', partition: p.id };
  }
  return { kind: 'invalid', reason: 'it matches no AWS partition' };
}

/** Nearest known region by edit distance, for "did you mean". */
export function nearestRegion(value: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const p of PARTITIONS) {
    for (const r of Object.keys(p.regions)) {
      const d = distance(value.trim().toLowerCase(), r);
      if (d < bestD) {
        bestD = d;
        best = r;
      }
    }
  }
  return bestD <= 3 ? best : undefined;
}

function distance(a: string, b: string): number {
  if (a.length > 40 || b.length > 40) return Infinity;
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] as number;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] as number;
      dp[j] = Math.min((dp[j] as number) + 1, (dp[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length] as number;
}
