// Whether a front-matter `language` or `translated_from` is a BCP 47 language
// tag (`en`, `ar`, `pt-BR`, `sr-Latn-RS`): the footnotes name the language
// from it, and a value the platform cannot read would stop the page's build.
import { remember } from '../common/remember.ts';

const names = new Intl.DisplayNames(['en'], { type: 'language' });

export function isLanguageTag(value: string): boolean {
  // Every article asks, mostly of the same few tags, and asking the platform costs some 0.1 ms.
  return remember(TAGS, value, () => isTagOfPlatform(value), 1000);
}

function isTagOfPlatform(value: string): boolean {
  try {
    Intl.getCanonicalLocales(value);
    names.of(value);
    return true;
  } catch {
    return false;
  }
}

const TAGS = new Map<string, boolean>();

/** The English name of a language tag ("Arabic" for `ar`); the tag itself when it has none. */
export function languageName(tag: string): string {
  try {
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
