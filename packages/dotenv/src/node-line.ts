import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type NodeLine, nodeLineOfEngines, runningNodeLine } from './readers/node.js';

export interface NodeLineChoice {
  line: NodeLine;
  /** `engines.node` of this package.json, or absent: the running Node's line. */
  from?: string;
}

/**
 * Which Node line reads an env file with `--env-file`: the lowest line the nearest `engines.node` allows
 * (package.json files from the file's directory up to the repository root, the first that has the
 * field), else the running Node's. A project that supports Node 20 gets Node 20's parser even when
 * credlint runs on 24: its users may run 20.
 */
export function nodeLineFor(file: string): NodeLineChoice {
  let dir = dirname(resolve(file));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      let engines: unknown;
      try {
        engines = (JSON.parse(readFileSync(pkg, 'utf8')) as { engines?: { node?: unknown } } | null)?.engines?.node;
      } catch {
        engines = undefined; // not JSON: no evidence
      }
      const line = typeof engines === 'string' ? nodeLineOfEngines(engines) : undefined;
      if (line) return { line, from: pkg };
    }
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, '.git'))) break;
    dir = parent;
  }
  return { line: runningNodeLine() };
}

/** The line the project's `engines.node` asks for (see nodeLineFor), or undefined: then the running release's own parser. */
export function projectNodeLine(file: string): NodeLine | undefined {
  const choice = nodeLineFor(file);
  return choice.from ? choice.line : undefined;
}
