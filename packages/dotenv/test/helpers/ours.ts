import { parse, type NodeLine, type Reader } from '../../src/index.js';
import type { VarMap } from './real-readers.js';
import { GEN_KEYS } from './gen.js';

/**
 * The variables our model says a reader sets for a whole file: entries plus the reader's own
 * assignments outside them (`doc.readerOnly`), in file order, the last one winning.
 * `undefined` if any entry is runtime-dependent for that reader.
 */
export function ourMap(text: string, reader: Reader, nodeLine?: NodeLine): VarMap | undefined {
  const doc = parse(text, nodeLine ? { nodeLine } : {});
  const events: { at: number; key: string; value: string | undefined }[] = [];
  for (const n of doc.nodes) {
    if (n.type !== 'entry') continue;
    if (n.unknown?.includes(reader)) return undefined;
    if (n.values[reader] !== undefined) events.push({ at: n.keyStart, key: n.key, value: n.values[reader] });
  }
  for (const a of doc.readerOnly ?? []) if (a.reader === reader) events.push({ at: a.offset, key: a.key, value: a.value });
  const out: VarMap = {};
  for (const e of events.sort((x, y) => x.at - y.at)) if (e.value !== undefined) out[e.key] = e.value;
  return out;
}

/** Only the generator's names (readers may also set odd ones, e.g. Node's `K: 'x` up to an `=`). */
export function cleanOurs(m: VarMap | undefined): VarMap | undefined {
  return m && Object.fromEntries(Object.entries(m).filter(([k]) => GEN_KEYS.includes(k)));
}
