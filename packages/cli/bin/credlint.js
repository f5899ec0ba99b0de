#!/usr/bin/env node
import { main } from '../dist/index.js';

const code = await main(process.argv.slice(2));
// The answer is final once main resolves; work that outlives it (a credential_process that doctor
// stopped waiting for at --timeout) must not keep the process alive. Flush output, then exit.
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))));
process.exit(code);
