// Generates the shared benchmark corpus: a deterministic mixed tree (~50 MB; ~4 MB with
// BENCH_QUICK=1) of TS/JS/Python/JSON/YAML/TOML/INI/Markdown/shell/Dockerfile/Terraform/.env/
// notebooks/minified bundles/lockfiles, with a known number of planted generated credentials
// and of decoys that must not be reported (documentation examples, placeholders, env reads,
// git SHAs, integrity hashes, base64 images, resource ids, region words).
//
//   node bench/corpus.mjs [dir]      (default .bench/corpus; regenerated only if missing or stale)
//
// The manifest (planted counts, bytes, files) is written next to the tree as <dir>.json, so the
// tree itself holds only corpus files.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = 2;

const WORDS = (
  'const let return function export import from await async value config region bucket table stack props handler ' +
  'event context result error items length push map filter client request response options logger cache retry ' +
  'timeout user account session policy role queue topic stream record payload header body status metric trace'
).split(' ');

/** Planted credentials and decoys, counted per kind as they are written. */
class Tally {
  planted = { 'access-key-id': 0, 'secret-access-key': 0, 'session-token': 0 };
  decoys = 0;
}

export function corpusSpec(quick = process.env.BENCH_QUICK === '1') {
  return { mb: quick ? 4 : 52, quick };
}

/**
 * Writes the corpus into `dir` (deleting what was there). Returns the manifest.
 * `core` is @credlint/core/testing (passed in so this file has no build-order surprises).
 */
export function generateCorpus(dir, mb, t) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rand = t.prng(20261122);
  const tally = new Tally();
  let seed = 1;
  const next = () => seed++;
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const w = () => pick(WORDS);
  const int = (n) => Math.floor(rand() * n);

  const id = (prefix = rand() < 0.8 ? 'AKIA' : 'ASIA') => {
    tally.planted['access-key-id']++;
    return t.fakeAccessKeyId({ prefix, seed: next() });
  };
  const secret = () => {
    tally.planted['secret-access-key']++;
    return t.fakeSecretAccessKey(next());
  };
  const token = () => {
    tally.planted['session-token']++;
    return t.fakeSessionToken(next(), pick(['IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdz']), 300 + int(500));
  };
  const decoy = (s) => {
    tally.decoys++;
    return s;
  };
  // Lines that look like credentials and are not (each must produce no finding).
  const decoys = [
    () => decoy(`aws_access_key_id = AKIAIOSFODNN7EXAMPLE`),
    () => decoy(`aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`),
    () => decoy(`AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX`),
    () => decoy(`AWS_SECRET_ACCESS_KEY=your-secret-access-key`),
    () => decoy('AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}'),
    () => decoy(`const secret = process.env.AWS_SECRET_ACCESS_KEY;`),
    () => decoy(`secret = os.environ["AWS_SECRET_ACCESS_KEY"]`),
    () => decoy(`commit ${t.fakeGitSha(next())}`),
    () => decoy(`aws_secret_access_key = ${t.fakeGitSha(next())}`),
    () => decoy(`"integrity": "sha512-${t.fakeBase64Blob(64, next())}"`),
    () => decoy(`region: ASIAPACIFICSOUTHEAST`),
    () => decoy(`"RoleId": "AROA${t.fakeAccessKeyId({ seed: next() }).slice(4)}Q"`),
    () => decoy(`"UserId": "AIDA${t.fakeAccessKeyId({ seed: next() }).slice(4)}"`),
    () => decoy(`Resource: "arn:aws:s3:::${w()}-${int(1e6)}/*"`),
  ];

  const code = (lines, comment = '//') => {
    const out = [];
    for (let i = 0; i < lines; i++) {
      const r = rand();
      if (r < 0.0015) out.push(`  const accessKeyId = '${id()}';`);
      else if (r < 0.0025) out.push(`  secretAccessKey: "${secret()}",`);
      else if (r < 0.0045) out.push(`  ${comment} ${pick(decoys)()}`);
      else if (r < 0.02) out.push(`  ${comment} see ${t.fakeGitSha(next())} for ${w()} ${w()}`);
      else out.push(`  ${w()}${i} = ${w()}.${w()}(${w()}, ${int(1000)}, '${w()}-${w()}'); ${comment} ${w()} ${w()} ${w()}`);
    }
    return out.join('\n') + '\n';
  };

  const kinds = {
    ts: () => `import { ${w()} } from '@aws-sdk/client-s3';\nexport function ${w()}() {\n${code(200 + int(1500))}}\n`,
    js: () => `'use strict';\nmodule.exports = function () {\n${code(200 + int(1500))}};\n`,
    py: () => `import boto3\n\n\ndef ${w()}():\n${code(200 + int(1200), '#').replaceAll('const ', '').replaceAll(';', '')}`,
    json: () => {
      const items = [];
      for (let i = 0; i < 100 + int(800); i++) {
        const r = rand();
        if (r < 0.003) items.push(`    "AccessKeyId": "${id('ASIA')}", "SecretAccessKey": "${secret()}", "SessionToken": "${token()}"`);
        else if (r < 0.01) items.push(`    "note": "${pick(decoys)().replaceAll('"', '\\"')}"`);
        else items.push(`    "${w()}${i}": { "${w()}": ${int(1e6)}, "${w()}": "${w()} ${w()}" }`);
      }
      return `{\n  "${w()}": {\n${items.join(',\n')}\n  }\n}\n`;
    },
    lock: () => {
      const items = [];
      for (let i = 0; i < 200 + int(1500); i++) {
        items.push(`    "node_modules/${w()}-${w()}-${i}": {\n      "version": "${int(9)}.${int(20)}.${int(30)}",\n      "resolved": "https://registry.npmjs.org/${w()}/-/${w()}-1.0.${i}.tgz",\n      "integrity": "sha512-${t.fakeBase64Blob(64, next())}"\n    }`);
      }
      return `{\n  "lockfileVersion": 3,\n  "packages": {\n${items.join(',\n')}\n  }\n}\n`;
    },
    yaml: () => {
      const out = ['name: deploy', 'on: [push]', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    env:'];
      for (let i = 0; i < 100 + int(600); i++) {
        const r = rand();
        if (r < 0.004) out.push(`      AWS_ACCESS_KEY_ID: ${id()}`, `      AWS_SECRET_ACCESS_KEY: "${secret()}"`);
        else if (r < 0.012) out.push(`      # ${pick(decoys)()}`);
        else out.push(`      ${w().toUpperCase()}_${i}: ${w()}-${int(100)}`);
      }
      return out.join('\n') + '\n';
    },
    toml: () => {
      const out = ['[package]', `name = "${w()}"`];
      for (let i = 0; i < 50 + int(400); i++) {
        if (rand() < 0.005) out.push('[aws]', `access_key_id = "${id()}"`, `secret_access_key = "${secret()}"`);
        else out.push(`${w()}_${i} = "${w()} ${int(1000)}"`);
      }
      return out.join('\n') + '\n';
    },
    ini: () => {
      const out = [];
      for (let p = 0; p < 5 + int(40); p++) {
        out.push(`[profile ${w()}${p}]`, `region = us-east-${1 + int(2)}`, `output = json`);
        if (rand() < 0.1) out.push(`aws_access_key_id = ${id()}`, `aws_secret_access_key = ${secret()}`);
        if (rand() < 0.05) out.push(`aws_session_token = ${token()}`);
      }
      return out.join('\n') + '\n';
    },
    md: () => {
      const out = [`# ${w()} ${w()}`, ''];
      for (let i = 0; i < 100 + int(700); i++) {
        const r = rand();
        if (r < 0.003) out.push('```ini', `aws_access_key_id = ${id()}`, `aws_secret_access_key = ${secret()}`, '```');
        else if (r < 0.015) out.push('```', pick(decoys)(), '```');
        else out.push(`The ${w()} ${w()} uses the ${w()} ${w()} of the ${w()} (${w()}, ${w()}) and the ${w()}.`);
      }
      return out.join('\n') + '\n';
    },
    sh: () => {
      const out = ['#!/bin/sh', 'set -eu'];
      for (let i = 0; i < 30 + int(300); i++) {
        const r = rand();
        if (r < 0.01) out.push(`export AWS_ACCESS_KEY_ID=${id()}`, `export AWS_SECRET_ACCESS_KEY="${secret()}"`);
        else if (r < 0.03) out.push(`# ${pick(decoys)()}`);
        else out.push(`${w()} --${w()} "${w()}-${i}" | ${w()} -${pick('abcdef'.split(''))} > /tmp/${w()}.log`);
      }
      return out.join('\n') + '\n';
    },
    env: () => `AWS_REGION=us-east-1\nAWS_ACCESS_KEY_ID=${id()}\nAWS_SECRET_ACCESS_KEY=${secret()}\n${w().toUpperCase()}=${w()}\n`,
    docker: () => `FROM node:20\nWORKDIR /app\nENV AWS_ACCESS_KEY_ID ${id()}\nENV AWS_SECRET_ACCESS_KEY ${secret()}\nRUN npm ci\n`,
    tf: () => `provider "aws" {\n  region     = "us-east-1"\n  access_key = "${id()}"\n  secret_key = "${secret()}"\n}\n\n${Array.from({ length: 20 + int(200) }, (_, i) => `resource "aws_s3_bucket" "${w()}${i}" {\n  bucket = "${w()}-${i}"\n}\n`).join('\n')}`,
    ipynb: () => JSON.stringify({ cells: [{ cell_type: 'code', source: ['import boto3\n', `aws_access_key_id = "${id()}"\n`, `aws_secret_access_key = "${secret()}"\n`] }, { cell_type: 'markdown', source: [`# ${w()}\n`] }], metadata: {}, nbformat: 4 }, null, 1),
    min: () => {
      // One long line: a minified bundle with a few planted keys and base64 data URIs.
      const parts = [];
      const size = 500_000 + int(2_500_000);
      let len = 0;
      while (len < size) {
        const r = rand();
        let s;
        if (r < 0.0003) s = `var k={accessKeyId:"${id()}",secretAccessKey:"${secret()}"};`;
        else if (r < 0.003) s = `e.img="data:image/png;base64,${t.fakeBase64Blob(200 + int(2000), next())}";`;
        else s = `function ${w()}${int(99)}(e,t){return e.${w()}(t,${int(1e4)})||"${w()}"}`;
        parts.push(s);
        len += s.length;
      }
      return parts.join('') + '\n';
    },
  };
  const weights = [
    ['ts', 'ts', 14], ['js', 'js', 10], ['py', 'py', 10], ['json', 'json', 8], ['lock', 'json', 3], ['yaml', 'yml', 6],
    ['toml', 'toml', 4], ['ini', 'ini', 3], ['md', 'md', 8], ['sh', 'sh', 4], ['env', 'env', 2], ['docker', 'Dockerfile', 2],
    ['tf', 'tf', 3], ['ipynb', 'ipynb', 2], ['min', 'min.js', 0.6],
  ];
  const total = weights.reduce((a, [, , x]) => a + x, 0);
  let bytes = 0;
  let files = 0;
  while (bytes < mb * 1024 * 1024) {
    let r = rand() * total;
    let choice = weights[0];
    for (const wgt of weights) {
      r -= wgt[2];
      if (r <= 0) {
        choice = wgt;
        break;
      }
    }
    const [kind, ext] = choice;
    const text = kinds[kind]();
    const sub = path.join(dir, `pkg${files % 23}`, kind);
    mkdirSync(sub, { recursive: true });
    const name = ext === 'Dockerfile' ? `Dockerfile.${files}` : ext === 'env' ? `.env.${files}` : `${w()}-${files}.${ext}`;
    writeFileSync(path.join(sub, name), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  const manifest = { version: VERSION, mb, files, bytes, planted: tally.planted, decoys: tally.decoys };
  writeFileSync(`${dir}.json`, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** The corpus directory for this run, generated if missing or stale. Returns { dir, manifest }. */
export async function ensureCorpus(dir = path.join(ROOT, '.bench', process.env.BENCH_QUICK === '1' ? 'corpus-quick' : 'corpus')) {
  const { mb } = corpusSpec();
  const manifestPath = `${dir}.json`;
  if (existsSync(dir) && existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.version === VERSION && m.mb === mb) return { dir, manifest: m };
  }
  const testing = await import(pathToFileURL(path.join(ROOT, 'packages/core/dist/testing.js')).href);
  const t0 = Date.now();
  const manifest = generateCorpus(dir, mb, testing);
  console.log(`corpus: generated ${manifest.files} files, ${(manifest.bytes / 1048576).toFixed(1)} MB in ${dir} (${Date.now() - t0} ms)`);
  return { dir, manifest };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { dir, manifest } = await ensureCorpus(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(JSON.stringify({ dir, ...manifest }));
}
