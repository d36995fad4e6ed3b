// Properties of the extraction stage on hostile input: it never throws, and
// every row it gives points back at its own sentence (CONTRACT §5), with
// values and dates a chart can trust. Inputs: random Unicode (surrogates, RTL,
// combining marks, NUL, every line break), the seed articles cut at random
// points, and the seed articles shuffled by sentence. Seeded: the same cases
// run every time; FUZZ_SEED / FUZZ_RUNS explore further by hand.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS } from '../story.ts';
import { casualtySchema, reactionSchema } from '../../src/datasets/schema.ts';
import { extractCasualties } from '../../src/extract/casualties.ts';
import { parseGazetteer } from '../../src/extract/gazetteer.ts';
import { extractReactions } from '../../src/extract/reactions.ts';
import { splitSentences } from '../../src/extract/sentences.ts';
import type { CasualtyDraft, Extraction, ReactionDraft } from '../../src/extract/types.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20220105);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(n * SCALE)) });
const TIMEOUT = 60_000;

const gazetteer = parseGazetteer(readFileSync(PATHS.gazetteer, 'utf8'));
const { articles } = await loadArticles(PATHS.articles);
const seeds = articles.map((a) => ({ id: a.meta.id, body: a.body, published: a.meta.published }));

// ------------------------------------------------------------------ checks

interface Input {
  id: string;
  body: string;
  published: string;
}

function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

// Checks collect problems and assert once: an `expect` per sentence would cost
// more than the extraction itself.

/** The invariants every row of either dataset keeps. */
function provenanceProblems(
  body: string,
  published: string,
  rows: readonly (CasualtyDraft | ReactionDraft)[],
): string[] {
  const problems: string[] = [];
  let previous = 0;
  for (const row of rows) {
    const where = `row ${JSON.stringify(row)}:`;
    if (row.start < previous) problems.push(`${where} not sorted by start`);
    previous = row.start;
    if (!(
      Number.isInteger(row.start) &&
      Number.isInteger(row.end) &&
      0 <= row.start &&
      row.start < row.end &&
      row.end <= body.length
    )) {
      problems.push(`${where} offsets outside the body (length ${body.length})`);
    }
    if (body.slice(row.start, row.end) !== row.quote) problems.push(`${where} body.slice(start, end) !== quote`);
    if (row.as_of !== null && !isIsoDate(row.as_of)) problems.push(`${where} as_of is not an ISO date`);
    if (row.as_of !== null && row.as_of > published) problems.push(`${where} as_of is after published ${published}`);
  }
  return problems;
}

function casualtyProblems(input: Input, result: Extraction<CasualtyDraft>): string[] {
  const problems = provenanceProblems(input.body, input.published, result.rows);
  result.rows.forEach((row, i) => {
    const where = `row ${JSON.stringify(row)}:`;
    for (const n of [row.value, row.low, row.high]) {
      if (n !== null && !(Number.isSafeInteger(n) && n >= 0))
        problems.push(`${where} ${n} is not a non-negative integer`);
    }
    if (row.low !== null && row.low > row.value) problems.push(`${where} low > value`);
    if (row.high !== null && row.value > row.high) problems.push(`${where} value > high`);
    const parsed = casualtySchema.safeParse({ id: `${input.id}-c${i + 1}`, ...row });
    if (!parsed.success) problems.push(`${where} ${JSON.stringify(parsed.error.issues)}`);
  });
  return problems.concat(messageProblems(input.body, result));
}

function reactionProblems(input: Input, result: Extraction<ReactionDraft>): string[] {
  const problems = provenanceProblems(input.body, input.published, result.rows);
  result.rows.forEach((row, i) => {
    const parsed = reactionSchema.safeParse({ id: `${input.id}-r${i + 1}`, ...row });
    if (!parsed.success) problems.push(`row ${JSON.stringify(row)}: ${JSON.stringify(parsed.error.issues)}`);
  });
  return problems.concat(messageProblems(input.body, result));
}

function messageProblems(body: string, result: Extraction<unknown>): string[] {
  return result.messages
    .filter((m) => !(0 <= m.start && m.start <= m.end && m.end <= body.length))
    .map((m) => `message outside the body: ${JSON.stringify(m)}`);
}

function sentenceProblems(body: string): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  let previousParagraph = 0;
  for (const s of splitSentences(body)) {
    const where = `sentence ${JSON.stringify(s)}:`;
    if (s.start < previousEnd) problems.push(`${where} overlaps the previous one or is out of order`);
    if (s.end <= s.start) problems.push(`${where} is empty`);
    if (body.slice(s.start, s.end) !== s.text) problems.push(`${where} body.slice(start, end) !== text`);
    if (s.text !== s.text.trim()) problems.push(`${where} is not trimmed`);
    if (/[\r\n\u2028\u2029]/.test(s.text)) problems.push(`${where} crosses a line break`);
    if (s.paragraph < previousParagraph) problems.push(`${where} paragraph index goes back`);
    previousEnd = s.end;
    previousParagraph = s.paragraph;
  }
  return problems;
}

/** Everything at once, on one input: the property of all the generators below. */
function checkAll(input: Input): void {
  const problems = [
    ...sentenceProblems(input.body),
    ...casualtyProblems(input, extractCasualties(input)),
    ...reactionProblems(input, extractReactions(input, gazetteer)),
  ];
  expect(problems).toEqual([]);
}

// ------------------------------------------------------------------ inputs

const published = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Characters that break naive text code. */
const nasty = fc.constantFrom(
  '\0',
  '\r',
  '\n',
  '\r\n',
  '\n\n',
  '\n\r',
  '\r\r',
  '\u2028',
  '\u2029',
  '\u0085',
  '\t',
  '\v',
  '\f',
  '\u00A0',
  '\u200B',
  '\uFEFF',
  '\u200F',
  '\u200E',
  '\u202E',
  '\u2066',
  '\u0301',
  '\u0651',
  '\u0640',
  'e\u0301',
  '\uD83D\uDE00',
  '\uD83C\uDDF0\uD83C\uDDFF',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDFFF',
  'İ',
  'ß',
  'ﬁ',
  'ǅ',
  '.',
  '. ',
  '!',
  '?',
  '…',
  '...',
  '؟',
  '。',
  '“',
  '”',
  '"',
  "'",
  '’',
  '(',
  ')',
  '[',
  ']',
  '«',
  '»',
  ',',
  ';',
  ':',
  '-',
  '–',
  '—',
  '/',
  '#',
  '$',
  '%',
  '٢٬٣٠٠',
  '١٦٤',
  '۱۲',
);

/** Words that wake the extractors up, so random text reaches deep code paths. */
const vocabulary = fc.constantFrom(
  'killed',
  'wounded',
  'injured',
  'arrested',
  'detained',
  'hospitalized',
  'died',
  'dead',
  'people',
  'police',
  'protesters',
  'security forces',
  'civilians',
  'others',
  'at least',
  'more than',
  'about',
  'up to',
  'fewer than',
  'dozens',
  'hundreds',
  'tens of thousands',
  'a few',
  'two thousand',
  'one',
  'a dozen',
  '2,300',
  '164',
  '18',
  '2019',
  '2.5 million',
  'between 100 and 200',
  'including',
  'among them',
  'of whom',
  'the death toll rose to',
  'the arrest of',
  'respectively',
  'the figure was deleted',
  'could not be verified',
  'said',
  'told',
  'according to',
  'the Interior Ministry',
  'Khabar 24',
  'He',
  'The ministry',
  'Russia',
  'Moscow',
  'United States',
  'Blinken',
  'Anthony Blinken',
  'CSTO',
  'Tokayev',
  'European Union',
  'UN',
  'China',
  'Iran',
  'expressed concern',
  'called for restraint',
  'urged dialogue',
  'sent troops',
  'peacekeepers',
  'internal affair',
  'yesterday',
  'on Thursday',
  'last night',
  'tomorrow',
  'January 5',
  '5 January',
  'Jan 9',
  'December 31',
  'in 2011',
  'next week',
  'العشرات',
  'أكثر من',
  'قتلى',
  'Алматы',
  '哈萨克斯坦',
);

/** A sentence of the shape the extractors look for, so random text reaches their deep paths. */
const newsSentence = fc
  .tuple(
    fc.constantFrom(
      '',
      'Police said',
      'The Interior Ministry said',
      'According to Khabar 24,',
      'He said',
      'Russia said',
      'Blinken told reporters',
      'On Thursday,',
      'Yesterday',
      'The ministry reported that',
    ),
    fc.constantFrom('', 'at least', 'more than', 'about', 'up to', 'fewer than', 'some', 'between 100 and', 'nearly'),
    fc.constantFrom(
      '164',
      '2,300',
      'two thousand',
      'dozens',
      'hundreds',
      'one',
      'a dozen',
      '18',
      '٢٬٣٠٠',
      '0',
      '99999999',
      '2.5 million',
      'tens of thousands',
      '2019',
    ),
    fc.constantFrom(
      '',
      'people',
      'protesters',
      'police officers',
      'civilians',
      'security forces',
      'others',
      'armed criminals',
    ),
    fc.constantFrom(
      'were killed',
      'were injured',
      'were arrested',
      'were hospitalized',
      'died',
      'were killed and wounded',
      'expressed concern',
      'called for restraint',
      'sent troops',
      'including 19 police officers,',
    ),
    fc.constantFrom(
      '',
      'on January 5',
      'yesterday',
      'tomorrow',
      'on Thursday',
      'last night',
      'in 2011',
      'on 31 December',
      'next week',
      'on 9 January 2023',
    ),
    fc.constantFrom('.', '!', '?', '…', '', '."', '.”', ';', '。'),
  )
  .map(
    ([source, qualifier, count, group, verb, when, stop]) =>
      [source, qualifier, count, group, verb, when].filter(Boolean).join(' ') + stop,
  );

const piece = fc.oneof(
  { weight: 4, arbitrary: vocabulary },
  { weight: 3, arbitrary: newsSentence },
  { weight: 2, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 5 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 5 }) },
);

const separator = fc.constantFrom(' ', ' ', ' ', '', '\n', '\n\n', '\r\n', '\r', ' \u2028 ');

const unicodeText = fc.oneof(
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  {
    weight: 4,
    arbitrary: fc.array(fc.tuple(piece, separator), { maxLength: 60 }).map((parts) => parts.flat().join('')),
  },
);

const seed = fc.constantFrom(...seeds);

/** A seed article cut at random points: a window of it, or it with random stretches removed. */
const cutArticle = fc.oneof(
  fc.tuple(seed, fc.nat(), fc.nat()).map(([a, x, y]) => {
    const [from, to] = [x % (a.body.length + 1), y % (a.body.length + 1)].sort((p, q) => p - q);
    return { ...a, body: a.body.slice(from, to) };
  }),
  fc.tuple(seed, fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 12 })).map(([a, cuts]) => {
    const points = [...new Set(cuts.map((c) => c % (a.body.length + 1)))].sort((p, q) => p - q);
    // Keep every other stretch between the cut points.
    let body = '';
    let from = 0;
    points.forEach((point, i) => {
      if (i % 2 === 0) body += a.body.slice(from, point);
      from = point;
    });
    return { ...a, body: body + (points.length % 2 === 0 ? a.body.slice(from) : '') };
  }),
  // …or with nasty characters and words spliced in at random points (a surrogate pair may be split).
  fc.tuple(seed, fc.array(fc.tuple(fc.nat(), piece), { minLength: 1, maxLength: 12 })).map(([a, inserts]) => {
    let body = a.body;
    for (const [at, text] of inserts) {
      const i = at % (body.length + 1);
      body = body.slice(0, i) + text + body.slice(i);
    }
    return { ...a, body };
  }),
);

/** A seed article with its sentences in random order, joined by random separators. */
const shuffledArticle = seed.chain((a) => {
  const sentences = splitSentences(a.body).map((s) => s.text);
  return fc
    .tuple(
      fc.shuffledSubarray(sentences, { minLength: sentences.length, maxLength: sentences.length }),
      fc.array(fc.constantFrom(' ', '  ', '\n', '\n\n', '\r\n\r\n', '\n \n'), {
        minLength: sentences.length,
        maxLength: sentences.length,
      }),
    )
    .map(([order, gaps]) => ({ ...a, body: order.map((s, i) => s + gaps[i]!).join('') }));
});

// ------------------------------------------------------------------ properties

describe('extraction on random Unicode text', () => {
  it(
    'never throws; every row slices to its quote, validates and is dated no later than published',
    () => {
      fc.assert(
        fc.property(unicodeText, published, (body, date) => checkAll({ id: 'fuzz', body, published: date })),
        runs(120),
      );
    },
    TIMEOUT,
  );
});

describe('extraction on the seed articles cut, or spliced, at random points', () => {
  it(
    'never throws; every row slices to its quote, validates and is dated no later than published',
    () => {
      fc.assert(fc.property(cutArticle, checkAll), runs(30));
    },
    TIMEOUT,
  );
});

describe('extraction on the seed articles shuffled by sentence', () => {
  it(
    'never throws; every row slices to its quote, validates and is dated no later than published',
    () => {
      fc.assert(fc.property(shuffledArticle, checkAll), runs(10));
    },
    TIMEOUT,
  );
});

describe('extraction is linear in its content (no state leaks between sentences or calls)', () => {
  /** The rows of the article repeated k times, each copy's rows moved back to the first copy's offsets. */
  const shifted = <Row extends { start: number; end: number }>(rows: Row[], length: number) =>
    rows.map((row) => {
      const copy = Math.floor(row.start / length);
      return { copy, row: { ...row, start: row.start - copy * length, end: row.end - copy * length } };
    });

  it(
    'an article repeated k times gives exactly k times its rows, each copy the same',
    () => {
      fc.assert(
        fc.property(seed, fc.integer({ min: 2, max: 3 }), (a, k) => {
          const separator = '\n\n';
          const body = Array.from({ length: k }, () => a.body).join(separator);
          const length = a.body.length + separator.length;
          expect(splitSentences(body)).toHaveLength(k * splitSentences(a.body).length);
          for (const [once, many] of [
            [extractCasualties(a).rows, extractCasualties({ ...a, body }).rows],
            [extractReactions(a, gazetteer).rows, extractReactions({ ...a, body }, gazetteer).rows],
          ] as const) {
            expect(many).toHaveLength(k * once.length);
            const copies = shifted<CasualtyDraft | ReactionDraft>(many, length);
            for (let c = 0; c < k; c++) expect(copies.filter((x) => x.copy === c).map((x) => x.row)).toEqual(once);
          }
        }),
        runs(5),
      );
    },
    TIMEOUT,
  );
});
