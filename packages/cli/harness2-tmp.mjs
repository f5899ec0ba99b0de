import { readFileSync } from 'node:fs';
import { isAscii, isUtf8, transcode } from 'node:buffer';
const data = readFileSync(process.argv[2]);
const blobs = []; let at = 0;
while (at < data.length) { const nl = data.indexOf(10, at); const [id, type, size] = data.subarray(at, nl).toString().split(' '); const n = +size; if (!(n>=0)) {at = nl+1; continue;} blobs.push(data.subarray(nl+1, nl+1+n)); at = nl + 1 + n + 1; }
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let sink = 0;
const modes = {
  utf8: (b) => b.toString('utf8'),
  latin1: (b) => b.toString('latin1'),
  transcode: (b) => transcode(b, 'utf8', 'utf16le').ucs2Slice(),
  check: (b) => (isAscii(b) ? 1 : isUtf8(b) ? 2 : 3),
};
const res = {};
for (let r = 0; r < 3; r++) for (const [k, f] of Object.entries(modes)) { const t = cpu(); for (const b of blobs) sink += f(b).length ?? 0; (res[k] ??= []).push(cpu() - t); }
console.log(blobs.length, Object.fromEntries(Object.entries(res).map(([k, v]) => [k, v.map((x) => x.toFixed(0)).join(' ')])));
