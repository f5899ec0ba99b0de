#!/usr/bin/env node
// A whole-tree scan's `git grep` prefilter starts before the rest of the CLI loads: git reads the
// tree on another core while Node compiles the modules (src/scan/tree-grep.ts).
import { prefetchTreeGrep } from '../dist/scan/tree-grep.js';

prefetchTreeGrep(process.argv.slice(2), process.cwd(), process.env);
const { main } = await import('../dist/index.js');

const code = await main(process.argv.slice(2));
// The answer is final once main resolves; work that outlives it (a credential_process that doctor
// stopped waiting for at --timeout) must not keep the process alive. Flush output, then exit.
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))));
process.exit(code);
