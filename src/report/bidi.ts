// Text from an article (a title, an outlet, a quote, a phrase) is shown in the
// page in its own bidirectional isolate, so a right-to-left passage, or an
// override character (U+202E) in a title, cannot reorder the words around it:
// the footnote's "Reuters, “…”, 6 January 2022" stays in that order.
import type { PhrasingContent } from 'mdast';

/**
 * The embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069):
 * invisible, and able to reverse the rest of a line. The marks (U+200E, U+200F,
 * U+061C) only act as a strong letter would, and are kept.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** `<bdi>` around phrasing content: its direction is its own, and it leaves its neighbours' alone. */
export function isolated(children: PhrasingContent[], properties: Record<string, string> = {}): PhrasingContent {
  return { type: 'emphasis', data: { hName: 'bdi', hProperties: properties }, children };
}

/** A piece of an article's text, isolated. */
export function isolatedText(value: string): PhrasingContent {
  return isolated([{ type: 'text', value }]);
}
