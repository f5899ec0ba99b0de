// The anchor streams against the one-regex alternation they replace (built from the same STREAMS table),
// on up to 4,000 JavaScript files from node_modules. Prints both medians and the ratio; asserts they agree.
// Run after `pnpm run build`: node bench/anchors.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Anchors, STREAMS } from '../packages/core/dist/anchors.js';

const list = execFileSync('find', ['node_modules/.pnpm', '-type', 'f', '-name', '*.js', '-size', '-200k'], { encoding: 'utf8', maxBuffer: 1 << 28 });
const text = list.trim().split('\n').slice(0, 4000).map((f) => readFileSync(f, 'utf8')).join('\n');
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = STREAMS.flatMap((s) => s.before.flatMap((b) => (s.after ?? ['']).map((a) => esc(b + s.needle + (s.rest ?? '') + a))));
const re = new RegExp(`(?=${alternatives.join('|')})`, 'g');
const median = (f) => {
  const t = [];
  for (let k = 0; k < 9; k++) {
    const a = performance.now();
    f();
    t.push(performance.now() - a);
  }
  return t.sort((x, y) => x - y)[4];
};
let streams = 0;
let regex = 0;
const s = median(() => {
  streams = 0;
  const an = new Anchors(text);
  for (let i = an.nextAt(0); i >= 0; i = an.nextAt(i + 1)) streams++;
});
const r = median(() => {
  regex = 0;
  for (const _ of text.matchAll(re)) regex++;
});
if (streams !== regex) throw new Error(`streams found ${streams} anchors, the regex ${regex}`);
console.log(`${(text.length / 1e6).toFixed(1)} MB, ${STREAMS.length} streams, ${streams} anchors: streams ${s.toFixed(1)} ms, regex ${r.toFixed(1)} ms, ${(r / s).toFixed(2)}× faster`);
