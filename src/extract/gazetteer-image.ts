// A compiled gazetteer as bytes and back, by V8's own serialization: the
// derive keeps it in its cache beside the validated files, and a derive of
// the same inputs starts from it (some 30 ms) rather than compiling the
// gazetteer again (some 200 ms on a cold thread: the names' trie, the cues'
// first characters). When one article is added to thousands, that compile
// was on the way of the only article extracted.
//
// V8 keeps plain objects, arrays, maps, sets, expressions and typed arrays;
// an instance of a class comes back as a plain object. MatcherSet, the one
// class a gazetteer holds, is given its prototype back at the places the image
// records; any other class, or one inside a map or a set, means no image (the
// gazetteer is compiled as before). The codebook, which holds functions, is
// left out and put back.
import { deserialize, serialize } from 'node:v8';
import type { Codebook } from './codebook.ts';
import type { Gazetteer } from './gazetteer.ts';
import { MatcherSet } from './matcher.ts';

/** Where a MatcherSet stands in the gazetteer: the keys from its root. */
type Path = (string | number)[];

interface Image {
  gazetteer: Omit<Gazetteer, 'codebook'>;
  matcherSets: Path[];
}

const PLAIN = new Set<object | null>([Object.prototype, Array.prototype, null]);
const KEPT = [Map, Set, RegExp, Int32Array, Uint32Array, Uint8Array, Uint16Array, Float64Array];

/** The gazetteer (as compiled, before any text is read: its memo is empty) as bytes; null when it holds something V8 would not give back. */
export function gazetteerImage(gazetteer: Gazetteer): Uint8Array | null {
  const { codebook: _codebook, ...rest } = gazetteer;
  const matcherSets: Path[] = [];
  const seen = new Set<object>();
  // Whether every class instance under `value` is a MatcherSet outside any map or set (their paths noted).
  const walk = (value: unknown, path: Path, inCollection: boolean): boolean => {
    if (typeof value === 'function') return false;
    if (typeof value !== 'object' || value === null || seen.has(value)) return true;
    seen.add(value);
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (value instanceof Map || value instanceof Set) {
      for (const item of value instanceof Map ? [...value.keys(), ...value.values()] : value)
        if (!walk(item, path, true)) return false;
      return true;
    }
    if (KEPT.some((kind) => value instanceof kind)) return true;
    if (prototype === MatcherSet.prototype) {
      if (inCollection) return false;
      matcherSets.push(path);
    } else if (!PLAIN.has(prototype)) return false;
    for (const [key, item] of Object.entries(value))
      if (!walk(item, [...path, Array.isArray(value) ? Number(key) : key], inCollection)) return false;
    return true;
  };
  if (!walk(rest, [], false)) return null;
  return serialize({ gazetteer: rest, matcherSets } satisfies Image);
}

/** The gazetteer an image holds, with `codebook` (the one it was compiled with); null when the bytes are not an image this Node can read. */
export function gazetteerFromImage(bytes: Uint8Array, codebook: Codebook): Gazetteer | null {
  try {
    const image = deserialize(bytes) as Image;
    for (const path of image.matcherSets) {
      const set = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], image.gazetteer);
      Object.setPrototypeOf(set, MatcherSet.prototype);
    }
    return { ...image.gazetteer, codebook };
  } catch {
    return null;
  }
}
