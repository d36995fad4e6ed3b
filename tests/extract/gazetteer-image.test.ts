// The compiled gazetteer kept as an image (gazetteer-image.ts) extracts what
// the gazetteer compiled from its files extracts, on every development story
// loaded as its derive loads it (its codebook's additions, its home).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { deriveArticle } from '../../src/datasets/derive.ts';
import { withHome } from '../../src/extract/gazetteer.ts';
import type { Gazetteer } from '../../src/extract/gazetteer.ts';
import { gazetteerFromImage, gazetteerImage } from '../../src/extract/gazetteer-image.ts';
import { MatcherSet } from '../../src/extract/matcher.ts';
import { loadGazetteer } from '../../src/project/editor-files.ts';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS } from '../story.ts';

const STORIES = join(import.meta.dirname, '../gold/stories');
// Every third story (each compiles its gazetteer and extracts twice): their codebooks' additions and homes vary.
const SLUGS = readdirSync(STORIES)
  .filter((name) => existsSync(join(STORIES, name, 'story.yaml')))
  .sort()
  .filter((_, i) => i % 3 === 0);

function revived(gazetteer: Gazetteer): Gazetteer {
  const image = gazetteerImage(gazetteer);
  expect(image).not.toBeNull();
  const back = gazetteerFromImage(image!, gazetteer.codebook);
  expect(back).not.toBeNull();
  return back!;
}

describe('the gazetteer image', () => {
  it('gives back its matcher sets as matcher sets, and the codebook it was given', async () => {
    const gazetteer = await loadGazetteer([PATHS.gazetteer], [PATHS.codebook]);
    const back = revived(gazetteer);
    for (const set of [back.names, back.cues, back.negation, ...back.stances.flatMap((s) => s.notAfter ?? [])])
      expect(set).toBeInstanceOf(MatcherSet);
    expect(back.codebook).toBe(gazetteer.codebook);
    // One object under two names stays one.
    expect(back.cueRule[0]).toBe(back.stances.find((s) => s.cues.length > 0));
  });

  it.each(SLUGS)('extracts from %s what the compiled gazetteer extracts', async (slug) => {
    const { home } = parse(readFileSync(join(STORIES, slug, 'story.yaml'), 'utf8')) as { home: string };
    const compiled = await loadGazetteer([PATHS.gazetteer], [PATHS.codebook, join(STORIES, slug, 'codebook.yaml')]);
    const image = withHome(revived(compiled), home);
    const original = withHome(compiled, home);
    const { articles } = await loadArticles(join(STORIES, slug, 'articles'));
    expect(articles.length).toBeGreaterThan(0);
    for (const article of articles)
      expect(JSON.stringify(deriveArticle(article, image))).toBe(JSON.stringify(deriveArticle(article, original)));
  });

  it('is no gazetteer when the bytes are not an image', async () => {
    const gazetteer = await loadGazetteer([PATHS.gazetteer], [PATHS.codebook]);
    const image = gazetteerImage(gazetteer)!;
    expect(gazetteerFromImage(new Uint8Array([1, 2, 3]), gazetteer.codebook)).toBeNull();
    expect(gazetteerFromImage(image.subarray(0, image.length / 2), gazetteer.codebook)).toBeNull();
  });

  it('is not made of a gazetteer holding something it could not give back', async () => {
    const gazetteer = await loadGazetteer([PATHS.gazetteer], [PATHS.codebook]);
    class Other {
      readonly value = 1;
    }
    expect(gazetteerImage({ ...gazetteer, people: [...gazetteer.people, new Other() as never] })).toBeNull();
    expect(
      gazetteerImage({ ...gazetteer, memo: { ...gazetteer.memo, speechVerb: new Map([['x', () => true]]) as never } }),
    ).toBeNull();
    // A matcher set met first inside a map: it has no path to be given its prototype back by.
    expect(gazetteerImage({ ...gazetteer, nameEntries: new Map([['x', new MatcherSet([]) as never]]) })).toBeNull();
  });
});
