// Interim main job until the CLI lands: print what @credlint/core finds in examples/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze, LineIndex } from '../packages/core/dist/index.js';

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}
let total = 0;
for (const file of walk(process.argv[2] ?? 'examples')) {
  const text = readFileSync(file, 'utf8');
  const { findings } = analyze(text, { filename: file });
  const lines = new LineIndex(text);
  for (const f of findings) {
    const { line, column } = lines.positionAt(f.start);
    console.log(`${relative(process.cwd(), file)}:${line}:${column}  ${f.ruleId}  ${f.message}`);
    total++;
  }
}
console.log(`\n${total} findings`);
process.exitCode = total > 0 ? 1 : 0;
