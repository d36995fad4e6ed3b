// Property: the YAML files people write (an article's front matter, the
// gazetteer, the review, the timeline) never crash the tools. Whatever they
// hold (anchors and aliases, tags, merge keys, flow and block collections,
// tabs, NUL, a BOM, duplicate keys, Windows line ends, deep nesting), reading
// them gives data or problems with a line and column inside the file, never
// an exception. Built from YAML's own syntax on top of valid files, so that
// most cases get past the parser. Seeded: FUZZ_SEED / FUZZ_RUNS explore further.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/article.ts';
import { PATHS } from '../story.ts';
import { parseReview } from '../../src/datasets/review.ts';
import { GazetteerError, parseGazetteer } from '../../src/extract/gazetteer.ts';
import { parseTimelineEvents } from '../../src/report/timeline-file.ts';
import { VFile } from 'vfile';
import type { VFileMessage } from '../../src/common/problems.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20220108);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(n * SCALE)) });
const TIMEOUT = 60_000;

/** Pieces of YAML syntax, the kinds that reach past the parser into the data. */
const YAML_PIECES = [
  '&a ',
  '*a',
  '*b',
  '&b [1, 2]',
  '<<: *a',
  '!!str ',
  '!!int 1',
  '!!binary aGk=',
  '!!js/function "x"',
  '!custom ',
  '!!map {}',
  '!!set {a}',
  '? complex key\n: value',
  '[',
  ']',
  '{',
  '}',
  '{a: 1, a: 2}',
  '[*a, *a, *a]',
  '|\n  block',
  '>-\n  folded',
  '- ',
  '- - - x',
  ': ',
  ':',
  '"',
  "'",
  '"\\u0000"',
  '"\\x"',
  '#',
  ' # note',
  '---',
  '...',
  '%YAML 1.2',
  '%TAG ! tag:x,2000:',
  '\t',
  '\u0000',
  '\ufeff',
  '\r\n',
  '\n',
  '\n  ',
  'null',
  '~',
  'true',
  'no',
  '0x1F',
  '1e400',
  '-.inf',
  '.nan',
  '2022-02-30',
  '2022-01-06T12:00:00Z',
  '"\ud800"',
  '\u202e',
  'x'.repeat(300),
  'casualties:',
  'reactions:',
  'events:',
  'actors:',
  'stances:',
  'id: ',
  'article: "003"',
  'quote: ',
  'set:',
  'reject: true',
];

/** A valid file with YAML pieces put in at random places. */
const mutated = (valid: string) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...YAML_PIECES)), { minLength: 1, maxLength: 6 }).map((edits) => {
    let text = valid;
    for (const [at, piece] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + piece + text.slice(i);
    }
    return text;
  });

const anything = (valid: string) =>
  fc.oneof(
    mutated(valid),
    fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 20 }).map((p) => p.join('')),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

function expectInside(text: string, problems: readonly VFileMessage[]): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of problems) {
    expect(p.line ?? 0, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
    expect(p.line ?? 0, JSON.stringify(p)).toBeLessThanOrEqual(lines + 1);
    expect(p.column ?? 0, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
  }
}

const ARTICLE = readFileSync(`${PATHS.articles}/003.md`, 'utf8');
const FRONT_MATTER = ARTICLE.slice(0, ARTICLE.indexOf('\n---\n') + 5);
const GAZETTEER = readFileSync(PATHS.gazetteer, 'utf8');
const REVIEW = readFileSync(PATHS.review, 'utf8');
const TIMELINE = readFileSync(PATHS.timeline, 'utf8');

describe('the files people write never crash the tools', () => {
  it(
    'an article: a good one, or problems at their place',
    () => {
      fc.assert(
        fc.property(mutated(FRONT_MATTER), (front) => {
          const text = `${front}The body.\n`;
          const { article, problems } = parseArticle(text, 'data/kazakhstan-unrest/articles/003.md');
          if (article === null) expect(problems.length).toBeGreaterThan(0);
          expectInside(text, problems);
        }),
        runs(1500),
      );
    },
    TIMEOUT,
  );

  it.each([
    ['the review', REVIEW, (text: string) => parseReview(new VFile(text)).problems],
    ['the timeline', TIMELINE, (text: string) => parseTimelineEvents(new VFile(text)).problems],
  ] as const)(
    '%s: its entries, or problems at their place',
    (_, valid, problemsOf) => {
      fc.assert(
        fc.property(anything(valid), (text) => expectInside(text, problemsOf(text))),
        runs(1000),
      );
    },
    TIMEOUT,
  );

  it(
    'the gazetteer: compiled, or a GazetteerError with its places',
    () => {
      // Compiling the whole gazetteer takes a while: fewer cases, on a smaller file of the same shape.
      const small = GAZETTEER.split('\n').slice(0, 400).join('\n');
      fc.assert(
        fc.property(anything(small), (text) => {
          try {
            parseGazetteer(text, 'data/gazetteer.yaml');
          } catch (error) {
            expect(error).toBeInstanceOf(GazetteerError);
            expect((error as GazetteerError).issues.length).toBeGreaterThan(0);
            expectInside(text, (error as GazetteerError).issues);
          }
        }),
        runs(150),
      );
    },
    TIMEOUT,
  );
});
