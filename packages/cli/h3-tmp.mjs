import { readFileSync } from 'node:fs';
import { transcode } from 'node:buffer';
const { analyze } = await import('@credlint/core');
const data = readFileSync(process.argv[2]); const mode = process.argv[3];
const blobs = []; let at = 0;
while (at < data.length) { const nl = data.indexOf(10, at); const [id, type, size] = data.subarray(at, nl).toString().split(' '); const n = +size; if (!(n>=0)) {at = nl+1; continue;} blobs.push(data.subarray(nl+1, nl+1+n)); at = nl + 1 + n + 1; }
const ru0 = process.resourceUsage();
let f = 0;
for (const b of blobs) {
  const s = mode === 'utf8' ? b.toString('utf8') : mode === 'latin1' ? b.toString('latin1') : transcode(b, 'utf8', 'utf16le').toString('utf16le');
  if (process.argv[4] === 'analyze') f += analyze(s, { filename: 'x.json' }).findings.length; else f += s.length;
}
const ru = process.resourceUsage();
console.log(mode, process.argv[4] ?? '', 'user', ((ru.userCPUTime - ru0.userCPUTime) / 1e6).toFixed(2), 'sys', ((ru.systemCPUTime - ru0.systemCPUTime) / 1e6).toFixed(2), 'minflt', ru.minorPageFault - ru0.minorPageFault, 'maxRSS MB', (ru.maxRSS / 1024).toFixed(0));
