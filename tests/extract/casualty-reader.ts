// The casualty tests' readers (casualty-wordings-*.test.ts,
// casualty-report-lines.test.ts): sentences read on their own, as published on
// a day, against the base codebook or a story's.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { extractCasualties } from '../../src/extract/casualties.ts';
import { parseCodebooks } from '../../src/extract/codebook.ts';

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

/** "measure value" per row of a story whose codebook adds `storyYaml` (its own measures) to the base one. */
export function storyReader(storyYaml: string, published: string): (body: string) => string[] {
  const codebook = parseCodebooks([
    { text: readFileSync(new URL('../../data/codebook.yaml', import.meta.url), 'utf8'), path: 'codebook.yaml' },
    { text: storyYaml, path: 'story.yaml' },
  ]);
  return (body) => extractCasualties({ id: 't', body, published, codebook }).rows.map((r) => `${r.measure} ${r.value}`);
}
