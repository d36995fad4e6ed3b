// The casualty wording tests' reader (casualty-wordings-*.test.ts): sentences
// read on their own, as published on a day.
import { expect } from 'vitest';
import { extractCasualties } from '../../src/extract/casualties.ts';

/** `extract`: a body's rows, checked to quote their sentence at their offsets; `read`: "measure value" per row, in order. */
export function casualtyReader(published: string) {
  /** The rows of one body, checked to quote their sentence at their offsets. */
  const extract = (body: string, on = published) => {
    const { rows } = extractCasualties({ id: 't', body, published: on });
    for (const r of rows) expect(body.slice(r.start, r.end)).toBe(r.quote);
    return rows;
  };
  /** "measure value" per row, in order: what most of these sentences are checked for. */
  const read = (body: string, on?: string) => extract(body, on).map((r) => `${r.measure} ${r.value}`);
  return { extract, read };
}
