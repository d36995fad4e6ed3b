import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/bench/seeded-random.ts';
import { isLanguageTag, languageName } from '../../src/articles/language-tag.ts';

describe('isLanguageTag', () => {
  it('accepts BCP 47 tags, with script, region and variants', () => {
    for (const tag of ['en', 'ar', 'pt-BR', 'sr-Latn-RS', 'zh-Hans-CN', 'es-419', 'de-DE-1901', 'kk', 'und', 'EN-us'])
      expect(isLanguageTag(tag), tag).toBe(true);
  });

  it('rejects what is no tag', () => {
    for (const value of ['', ' ', 'en_US', 'en-', '-en', 'en--US', 'en US', '12', 'e', 'en-US-US', 'de-1996-1996'])
      expect(isLanguageTag(value), JSON.stringify(value)).toBe(false);
  });

  // The check once asked Intl.DisplayNames as well; it must accept nothing that DisplayNames would refuse to name.
  it('accepts exactly what Intl.DisplayNames reads', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'language' });
    const readable = (value: string): boolean => {
      try {
        Intl.getCanonicalLocales(value);
        names.of(value);
        return true;
      } catch {
        return false;
      }
    };
    const languages = ['en', 'ar', 'zh', 'und', 'root', 'x', 'i', 'qaa', 'abcd', 'abcde', 'abcdefghi', 'a1', 'tlh'];
    const scripts = ['', '-Latn', '-arab', '-Zzzz'];
    const regions = ['', '-US', '-001', '-419', '-ZZ', '-999'];
    const variants = ['', '-1901', '-valencia', '-a1b2', '-12345', '-1901-1901'];
    const extensions = ['', '-u-ca-gregory', '-t-en', '-a-abc', '-x-private', '-u', '-x', '-u-ca'];
    const random = seededRandom(7);
    // A whole number below n.
    const next = (n: number) => Math.floor(random() * n);
    const tried: string[] = ['i-klingon', 'en-GB-oed', 'zh-min-nan', 'art-lojban', 'x-foo', 'en-a-bbb-x-a-ccc'];
    for (const l of languages)
      for (const s of scripts)
        for (const r of regions) for (const v of variants) for (const e of extensions) tried.push(l + s + r + v + e);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCZ0123456789-_ ';
    for (let i = 0; i < 20_000; i++)
      tried.push(Array.from({ length: 1 + next(14) }, () => alphabet[next(alphabet.length)]).join(''));
    const differing = tried.filter((value) => isLanguageTag(value) !== readable(value));
    expect(differing).toEqual([]);
  });
});

describe('languageName', () => {
  it('names a language in English, or gives the tag back', () => {
    expect(languageName('ar')).toBe('Arabic');
    expect(languageName('pt-BR')).toBe('Brazilian Portuguese');
    expect(languageName('not a tag')).toBe('not a tag');
  });
});
