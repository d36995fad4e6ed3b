// Where things are in a YAML file an editor writes (the review, the timeline,
// a codebook): the document with the line and column of any offset in it, and
// the offset of the node a validation problem names.
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';

export interface Place {
  line: number;
  column: number;
}

/** A YAML document of an editors' file, and the line and column of any offset in it. */
export function parseYamlWithPlaces(yamlText: string): { doc: Document; at: (offset: number) => Place } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Place => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return { doc, at };
}

/** Offset of the node at `path`, or of its nearest existing ancestor; of the key `key` when given. */
export function locate(doc: Document, path: (string | number)[], key?: string): number {
  for (let n = path.length; n >= 0; n -= 1) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (key !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : null;
      if (range) return range[0];
    }
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return range[0];
  }
  return 0;
}
