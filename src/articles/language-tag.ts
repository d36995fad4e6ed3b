// Whether a front-matter `language` or `translated_from` is a BCP 47 language
// tag (`en`, `ar`, `pt-BR`, `sr-Latn-RS`): the footnotes name the language
// from it, and a value the platform cannot read would stop the page's build.
import { remember } from '../common/remember.ts';

export function isLanguageTag(value: string): boolean {
  // Every article asks, mostly of the same few tags, and asking the platform costs some 0.1 ms.
  return remember(TAGS, value, () => isTagOfPlatform(value), 1000);
}

/**
 * Whether the platform reads the tag: Intl.getCanonicalLocales decides.
 * Intl.DisplayNames, asked too before, rejected no tag it accepts
 * (tests/articles/language-tag.test.ts), and making one takes some 20 ms,
 * which every thread that validates rows paid as it started: a derive
 * worker, before its first article.
 */
function isTagOfPlatform(value: string): boolean {
  try {
    Intl.getCanonicalLocales(value);
    return true;
  } catch {
    return false;
  }
}

const TAGS = new Map<string, boolean>();

/** Made once a language is named: only a page with a translated article does. */
let names: Intl.DisplayNames | undefined;

/** The English name of a language tag ("Arabic" for `ar`); the tag itself when it has none. */
export function languageName(tag: string): string {
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
