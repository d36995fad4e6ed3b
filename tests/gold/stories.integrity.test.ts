// Self-check of the development gold in tests/gold/stories/: the articles' front matter,
// and that every gold / negative row points at its article verbatim, in text order, with
// valid enums and value/qualifier consistent with CONTRACT.md §4. Imports nothing from src/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, 'stories');

const BASE_MEASURES = ['killed', 'injured', 'arrested', 'hospitalized', 'missing', 'displaced'];
const GROUPS = ['security_forces', 'protesters', 'civilians', 'all'];
const QUALIFIERS = ['exact', 'at_least', 'more_than', 'about', 'up_to', 'fewer_than', 'vague'];
const STATUSES = ['reported', 'retracted', 'disputed', 'projected'];
const BASE_STANCES = [
  'expresses_concern',
  'expresses_sympathy',
  'urges_restraint',
  'urges_dialogue',
  'urges_rights',
  'supports_government',
  'offers_help',
  'sends_aid',
  'criticizes_crackdown',
  'blames_foreign_forces',
  'rejects_interference',
  'questions_intervention',
  'denies_involvement',
  'sends_troops',
  'withdraws_troops',
  'travel_warning',
];
const KINDS = ['disaster', 'protest', 'conflict', 'other'];
const FRONT_MATTER_FIELDS = [
  'id',
  'title',
  'outlet',
  'url',
  'published',
  'published_basis',
  'published_note',
  'language',
  'translated_from',
];
// CONTRACT.md §4: vague word → smallest count it can mean.
const VAGUE: Record<string, number> = { several: 3, 'a few': 3, tens: 20, dozens: 24, hundreds: 200, thousands: 2000 };
// Leading words → qualifier (CONTRACT.md §4, `qualifier`), longest first.
const LEADS: Array<[RegExp, string]> = [
  [/^(at least|no fewer than|no less than)\b/i, 'at_least'],
  [
    /^(more than|upwards of|over|passed|passes|exceed(?:s|ed)?|topped|above|cross(?:ed|es)?|top(?:ped|s)?)\b/i,
    'more_than',
  ],
  [/^(about|some|around|nearly|almost|approximately|roughly|close to)\b/i, 'about'],
  [/^(up to)\b/i, 'up_to'],
  [/^(fewer than|less than|under)\b/i, 'fewer_than'],
];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9_-]+$/;

const UNITS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
// lakh and crore: the Indian numbering system's 100,000 and 10,000,000.
const MULTIPLIERS: Record<string, number> = {
  dozen: 12,
  hundred: 100,
  thousand: 1000,
  lakh: 100_000,
  million: 1_000_000,
  crore: 10_000_000,
};

/** The number a phrase states, or null when the phrase has no plain number in it. */
function statedNumber(phrase: string): number | null {
  const digits = phrase.match(/\d[\d,]*(?:\.\d+)?/);
  if (digits) {
    let n = Number(digits[0].replace(/,/g, ''));
    const after = phrase.slice((digits.index ?? 0) + digits[0].length).toLowerCase();
    const scale = /^\s*(thousand|lakh|million|crore)\b/.exec(after)?.[1];
    if (scale) n = Math.round(n * MULTIPLIERS[scale]!);
    return n;
  }
  const words = phrase
    .toLowerCase()
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== 'and');
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of words) {
    const unit = UNITS[w];
    const m = MULTIPLIERS[w];
    if (unit !== undefined) {
      current += unit;
      seen = true;
    } else if (m !== undefined) {
      current = (current || 1) * m;
      if (m >= 1000) {
        total += current;
        current = 0;
      }
      seen = true;
    } else if (seen) break;
  }
  return seen ? total + current : null;
}

/** The smallest count a vague phrase means ("several hundred" = 300, "tens of thousands" = 20000). */
function vagueValue(phrase: string): number | null {
  const p = phrase.toLowerCase();
  for (const [word, base] of Object.entries(VAGUE)) {
    const m = p.match(new RegExp(`\\b${word}\\b(?:\\s+of)?\\s*(hundred|thousand)?s?\\b`));
    if (!m) continue;
    const rest = p.slice((m.index ?? 0) + word.length);
    const mult = /^\s+(?:of\s+)?(hundred|thousand)s?\b/.exec(rest);
    return base * (mult?.[1] ? (MULTIPLIERS[mult[1]] ?? 1) : 1);
  }
  return null;
}

interface Article {
  id: string;
  body: string;
  front: Record<string, unknown>;
}

function readArticle(path: string): Article {
  const text = readFileSync(path, 'utf8');
  if (!text.startsWith('---\n')) throw new Error(`${path}: no front matter`);
  const close = text.indexOf('\n---\n', 3);
  if (close < 0) throw new Error(`${path}: front matter not closed`);
  const front = parse(text.slice(4, close + 1)) as Record<string, unknown>;
  return { id: String(front.id), body: text.slice(close + 5), front };
}

function readList(path: string): Array<Record<string, unknown>> {
  if (!existsSync(path)) return [];
  const data = parse(readFileSync(path, 'utf8'));
  return Array.isArray(data) ? data : [];
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

/** The blank-line paragraph of `body` around index `at`. */
function paragraphAt(body: string, at: number): string {
  const start = body.lastIndexOf('\n\n', at);
  const end = body.indexOf('\n\n', at);
  return body.slice(start < 0 ? 0 : start, end < 0 ? body.length : end);
}

const stories = existsSync(ROOT)
  ? readdirSync(ROOT)
      .filter((d) => statSync(join(ROOT, d)).isDirectory())
      .sort()
  : [];

describe('gold stories', () => {
  it('there are at least four stories', () => {
    expect(stories.length).toBeGreaterThanOrEqual(4);
  });

  for (const slug of stories) {
    describe(slug, () => {
      const dir = join(ROOT, slug);
      const story = parse(readFileSync(join(dir, 'story.yaml'), 'utf8')) as Record<string, unknown>;
      const storyMeasures = (story.measures as string[] | undefined) ?? [];
      const storyStances = (story.stances as string[] | undefined) ?? [];
      const measures = [...BASE_MEASURES, ...storyMeasures];
      const stances = [...BASE_STANCES, ...storyStances];
      const articleDir = join(dir, 'articles');
      const files = readdirSync(articleDir).sort();
      const articles = new Map<string, Article>();
      for (const f of files) articles.set(f.replace(/\.md$/, ''), readArticle(join(articleDir, f)));

      it('story.yaml has a title, a kind and a home', () => {
        expect(typeof story.title).toBe('string');
        expect(KINDS).toContain(story.kind);
        expect(story.home === null || typeof story.home === 'string').toBe(true);
      });

      it('declares its extra measures and stances in codebook.yaml', () => {
        if (storyMeasures.length === 0 && storyStances.length === 0) return;
        const codebook = parse(readFileSync(join(dir, 'codebook.yaml'), 'utf8')) as Record<string, unknown>;
        const declared = (list: unknown) => ((list as Array<{ name: string }> | undefined) ?? []).map((m) => m.name);
        for (const m of storyMeasures) expect(declared(codebook.measures), m).toContain(m);
        for (const s of storyStances) expect(declared(codebook.stances), s).toContain(s);
      });

      it('has 4 to 6 articles, each a .md file whose front matter is complete', () => {
        expect(files.length).toBeGreaterThanOrEqual(4);
        expect(files.length).toBeLessThanOrEqual(6);
        for (const f of files) {
          expect(f, f).toMatch(/\.md$/);
          const a = articles.get(f.replace(/\.md$/, ''))!;
          for (const field of FRONT_MATTER_FIELDS) expect(a.front, `${f}: ${field}`).toHaveProperty(field);
          expect(a.id, f).toBe(f.replace(/\.md$/, ''));
          expect(a.id, f).toMatch(ID);
          const published =
            a.front.published instanceof Date
              ? a.front.published.toISOString().slice(0, 10)
              : String(a.front.published);
          expect(published, f).toMatch(ISO_DATE);
          expect(['stated', 'inferred'], f).toContain(a.front.published_basis);
          expect(a.front.url === null || /^https?:\/\//.test(String(a.front.url)), f).toBe(true);
          const words = a.body.split(/\s+/).filter(Boolean).length;
          expect(words, `${f} words`).toBeGreaterThanOrEqual(300);
          expect(words, `${f} words`).toBeLessThanOrEqual(900);
        }
      });

      /** Shared checks: the article exists, `in` occurs once, rows are in text order. */
      function checkAnchors(rows: Array<Record<string, unknown>>, what: string) {
        const last = new Map<string, number>();
        rows.forEach((row, i) => {
          const where = `${what}[${i}] ${String(row.article)} "${String(row.in)}"`;
          const article = articles.get(String(row.article));
          expect(article, where).toBeDefined();
          const body = article!.body;
          const needle = String(row.in);
          expect(count(body, needle), where).toBe(1);
          const at = body.indexOf(needle);
          expect(at, `${where}: out of text order`).toBeGreaterThanOrEqual(last.get(String(row.article)) ?? 0);
          last.set(String(row.article), at);
          if (row.phrase !== undefined) {
            expect(
              paragraphAt(body, at).includes(String(row.phrase)),
              `${where}: phrase "${String(row.phrase)}" not in its paragraph`,
            ).toBe(true);
          }
        });
      }

      const casualties = readList(join(dir, 'casualties.yaml'));
      const negatives = readList(join(dir, 'casualties-negatives.yaml'));
      const reactions = readList(join(dir, 'reactions.yaml'));

      it('casualties: anchored, in text order, valid enums, value consistent with phrase', () => {
        expect(casualties.length).toBeGreaterThan(0);
        checkAnchors(casualties, 'casualties');
        casualties.forEach((row, i) => {
          const where = `casualties[${i}] ${String(row.article)} "${String(row.phrase)}"`;
          expect(measures, where).toContain(row.measure);
          expect(GROUPS, where).toContain(row.group);
          expect(QUALIFIERS, where).toContain(row.qualifier);
          expect(STATUSES, where).toContain(row.status);
          expect(row.attribution === null || typeof row.attribution === 'string', where).toBe(true);
          const asOf = row.as_of instanceof Date ? row.as_of.toISOString().slice(0, 10) : row.as_of;
          expect(asOf === null || ISO_DATE.test(String(asOf)), where).toBe(true);
          expect(typeof row.value, where).toBe('number');
          expect(row.value as number, where).toBeGreaterThan(0);
          const phrase = String(row.phrase);
          const vague = vagueValue(phrase);
          if (row.qualifier === 'vague') {
            expect(vague, `${where}: vague qualifier without a vague word`).not.toBeNull();
            expect(row.value, `${where}: vague value`).toBe(vague);
          } else {
            expect(vague, `${where}: vague word but qualifier ${String(row.qualifier)}`).toBeNull();
            const stated = statedNumber(phrase.replace(/\b\d+-year-old\b/g, ''));
            if (stated !== null) expect(row.value, `${where}: value`).toBe(stated);
            const lead = LEADS.find(([re]) => re.test(phrase.trim()));
            expect(row.qualifier, `${where}: qualifier`).toBe(lead ? lead[1] : 'exact');
          }
        });
      });

      it('casualty negatives: anchored, in text order, at least 10', () => {
        expect(negatives.length).toBeGreaterThanOrEqual(10);
        checkAnchors(negatives, 'negatives');
        for (const row of negatives) expect(typeof row.why).toBe('string');
      });

      it('no phrase is both a gold row and a negative in the same sentence anchor', () => {
        const gold = new Set(
          casualties.map((r) => `${String(r.article)}\u0000${String(r.in)}\u0000${String(r.phrase)}`),
        );
        for (const n of negatives)
          expect(gold.has(`${String(n.article)}\u0000${String(n.in)}\u0000${String(n.phrase)}`)).toBe(false);
      });

      it('reactions: anchored, in text order, valid enums, one type per actor, no home actor', () => {
        expect(reactions.length).toBeGreaterThan(0);
        checkAnchors(reactions, 'reactions');
        const types = new Map<string, unknown>();
        const seen = new Set<string>();
        reactions.forEach((row, i) => {
          const where = `reactions[${i}] ${String(row.article)} "${String(row.in)}"`;
          expect(typeof row.actor, where).toBe('string');
          expect(row.actor, `${where}: home actor`).not.toBe(story.home);
          expect(['state', 'organization'], where).toContain(row.actor_type);
          if (types.has(String(row.actor))) expect(row.actor_type, where).toBe(types.get(String(row.actor)));
          types.set(String(row.actor), row.actor_type);
          expect(stances, where).toContain(row.stance);
          expect(row.speaker === null || typeof row.speaker === 'string', where).toBe(true);
          const written = row.speaker_as_written;
          expect(written === null || typeof written === 'string', where).toBe(true);
          if (typeof written === 'string')
            expect(articles.get(String(row.article))!.body.includes(written), where).toBe(true);
          const key = `${String(row.article)}\u0000${String(row.in)}\u0000${String(row.actor)}\u0000${String(row.stance)}`;
          expect(seen.has(key), `${where}: duplicate (sentence, actor, stance)`).toBe(false);
          seen.add(key);
        });
      });
    });
  }
});
