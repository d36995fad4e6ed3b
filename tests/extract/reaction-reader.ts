// The reaction tests' reader: sentences read against the base gazetteer and
// codebook (data/gazetteer.yaml, data/codebook.yaml), as published on a day.
import { readFileSync } from 'node:fs';
import { parseGazetteer } from '../../src/extract/gazetteer.ts';
import { extractReactions } from '../../src/extract/reactions.ts';

/** data/gazetteer.yaml's text, for tests that extend it. */
export const YAML = readFileSync(new URL('../../data/gazetteer.yaml', import.meta.url), 'utf8');
export const g = parseGazetteer(YAML, 'data/gazetteer.yaml');

/** `extract`: a body's reactions and messages; `read`: "Actor:stance" per row, in order. */
export function reactionReader(published: string) {
  const extract = (body: string, on = published) => extractReactions({ id: 't', body, published: on }, g);
  const read = (body: string): string[] => extract(body).rows.map((r) => `${r.actor}:${r.stance}`);
  return { extract, read };
}
