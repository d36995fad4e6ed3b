// What readers are told of the gazetteer's actors: their short names and
// adjectives ("CSTO", "Kazakh"), read without compiling the matchers, so that
// building a page does not pay for the extraction's gazetteer. A gazetteer
// with errors gives what can be read; `parseGazetteers` reports its problems.
import { parse } from 'yaml';
import { remember } from '../common/remember.ts';
import type { GazetteerSource } from './gazetteer.ts';

export interface ActorWords {
  adjective: string | null;
  short: string | null;
}

// The dev server asks at every rebuild, and `report` and `check` twice, of a
// gazetteer that seldom changed in between: its YAML (tens of milliseconds
// to parse, a quarter of a warm rebuild) is read once per text.
const lastRead = new Map<string, ReadonlyMap<string, ActorWords>>();

export function readActorWords(sources: readonly GazetteerSource[]): ReadonlyMap<string, ActorWords> {
  return remember(lastRead, JSON.stringify(sources.map((s) => s.text)), () => actorWordsOf(sources), 1);
}

function actorWordsOf(sources: readonly GazetteerSource[]): ReadonlyMap<string, ActorWords> {
  const words = new Map<string, ActorWords>();
  for (const { text } of sources) {
    let data: unknown;
    try {
      data = parse(text, { maxAliasCount: 100, logLevel: 'silent' });
    } catch {
      continue;
    }
    const actors = (data as { actors?: unknown } | null)?.actors;
    if (!Array.isArray(actors)) continue;
    for (const actor of actors as Record<string, unknown>[]) {
      if (typeof actor?.name !== 'string') continue;
      const word = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
      words.set(actor.name, { adjective: word(actor.adjective), short: word(actor.short) });
    }
  }
  return words;
}
