// The Node binaries the tests compare (packages/dotenv/test/differential.test.ts) and test:node24 runs on:
// the current release of each newer supported line, from the npm package `node@<line>`, installed once into
// node_modules/.cache/credlint-node<line> (one npm call per line, the lines in parallel).
// `node scripts/node-binaries.mjs 22 24` installs the missing ones and exits 1, naming the line, if one fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const cacheDir = (line) => path.join(root, `node_modules/.cache/credlint-node${line}`);
const nodeBinary = (line) => path.join(cacheDir(line), 'node_modules/node/bin/node');

/** Installs `node@<line>` unless present; resolves to the binary, or rejects with the reason. */
function install(line) {
  const node = nodeBinary(line);
  if (existsSync(node)) return Promise.resolve(node);
  const dir = cacheDir(line);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `{"name":"credlint-node${line}","private":true}\n`);
  return new Promise((resolve, reject) => {
    const npm = spawn('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `node@${line}`], { cwd: dir, stdio: 'inherit' });
    npm.on('error', (e) => reject(new Error(`npm did not start (${e.message})`)));
    npm.on('close', (code) => {
      if (code === 0 && existsSync(node)) resolve(node);
      else reject(new Error(code === 0 ? `npm succeeded but ${node} is missing` : `npm exited with ${code}`));
    });
  });
}

/** Installs every line given; exits 1 naming each line that could not be installed. */
export async function ensureNodeBinaries(lines) {
  const results = await Promise.allSettled(lines.map(install));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`node@${lines[i]}: ${r.reason.message}`] : []));
  if (failed.length > 0) {
    console.error(`node-binaries: could not install ${failed.join('; ')}`);
    process.exit(1);
  }
  return results.map((r) => r.value);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lines = process.argv.slice(2);
  const binaries = await ensureNodeBinaries(lines);
  console.log(`node-binaries: ${lines.map((l, i) => `node@${l} at ${path.relative(root, binaries[i])}`).join(', ')}`);
}
