import type { NodeAssignment } from './node-common.js';
import { readNode2215, readNodeEarly } from './node-early.js';
import { readNode20 } from './node20.js';
import { readNode24 } from './node24.js';

export { type NodeAssignment, trimSpaces } from './node-common.js';
export { readNode24 } from './node24.js';
export { readNode2215, readNodeEarly } from './node-early.js';

/** The Node release lines credlint supports (root package.json `engines`: ^20.19 || ^22.13 || >=24). */
export type NodeLine = '20' | '22' | '24';
export const NODE_LINES: readonly NodeLine[] = ['20', '22', '24'];

/**
 * The parser each line's current release ships (measured on 40,000 generated cases per release):
 * `node20` is 20.19.5 and later, `node24` is 22.16 and later and all of 24. A line stands for its
 * current release (what a project gets when it updates within its line). Older releases, each used
 * only when credlint itself runs on one of them: 20.19.0–20.19.4 and 22.13–22.14 share a parser
 * (`early`), and 22.15.x has its own (`22.15`), a variant of it (both in node-early.ts).
 */
const READ: Record<NodeLine, (input: string) => NodeAssignment[]> = { '20': readNode20, '22': readNode24, '24': readNode24 };

/** "Node 24's --env-file": how findings name the reader. */
export function nodeReaderName(line: NodeLine): string {
  return `Node ${line}'s --env-file`;
}

/** The line of a Node version (`v24.1.0`, `22.16.0`): 21 counts as 20, 23 and later as 24. */
export function nodeLineOf(version: string): NodeLine | undefined {
  const m = /^v?(\d{1,4})\./.exec(version.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  if (major < 20) return undefined;
  return major < 22 ? '20' : major < 24 ? '22' : '24';
}

/**
 * The lowest supported line of an `engines.node` range (`^20.19.0 || ^22.13.0 || >=24`, `>=22`, `22.x`):
 * the lowest major any alternative names. Undefined if the range names no major we model.
 */
export function nodeLineOfEngines(range: string): NodeLine | undefined {
  let lowest: number | undefined;
  for (const m of range.matchAll(/\d{1,4}/g)) {
    // only the first number of each version (the major): skip numbers that follow a `.`
    if (m.index > 0 && range[m.index - 1] === '.') continue;
    const major = Number(m[0]);
    if (lowest === undefined || major < lowest) lowest = major;
  }
  return lowest === undefined ? undefined : nodeLineOf(`${Math.max(lowest, 20)}.0.0`);
}

/** The line of the Node running credlint. */
export function runningNodeLine(): NodeLine {
  return nodeLineOf(process.versions.node) ?? '24';
}

let scoped: NodeLine | undefined;

/**
 * Runs `fn` with `line` as the default Node line of every parse inside it: validate() and fix() re-read
 * entries (to prove a fix keeps each reader's value) deep inside the checks, which get no options.
 */
export function withNodeLine<T>(line: NodeLine, fn: () => T): T {
  const outer = scoped;
  scoped = line;
  try {
    return fn();
  } finally {
    scoped = outer;
  }
}

/** The line a parse uses when none is given: the one set by withNodeLine, else the running Node's. */
export function defaultNodeLine(): NodeLine {
  return scoped ?? runningNodeLine();
}

/** A model of one Node release's parser: a line's, or an older release's (see READ). */
export type NodeModel = NodeLine | 'early' | '22.15';

/** Which model covers a Node release's parser: a line's, `early` (20.19.0–20.19.4, 22.13–22.14), `22.15`, or none. */
export function nodeModelOf(version: string): NodeModel | undefined {
  const m = /^v?(\d{1,4})\.(\d{1,4})\.(\d{1,4})/.exec(version.trim());
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major === 20) return minor > 19 || (minor === 19 && patch >= 5) ? '20' : minor === 19 ? 'early' : undefined;
  if (major === 22) return minor >= 16 ? '22' : minor === 15 ? '22.15' : minor === 13 || minor === 14 ? 'early' : undefined;
  return major >= 24 ? '24' : undefined;
}

/**
 * What Node's `--env-file` / `util.parseEnv` sets for a whole file: on the given line; else on the line
 * set by withNodeLine; else as the running release does (its own parser where it is an early one).
 */
export function readNodeFile(input: string, line?: NodeLine): NodeAssignment[] {
  if (line) return READ[line](input);
  if (scoped) return READ[scoped](input);
  const model = nodeModelOf(process.versions.node);
  return model === 'early' ? readNodeEarly(input) : model === '22.15' ? readNode2215(input) : READ[runningNodeLine()](input);
}
