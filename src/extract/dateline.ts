// The dateline that opens wire copy and many papers' stories: "GOMA,
// Democratic Republic of Congo, Oct 13 (Reuters) - ", "Kinshasa (AFP) - ",
// "NAIROBI, Wednesday — ", "Tete, 14 February 2026 – ", or a date alone
// ("11 April 2026 — "). It says where and when the story was filed, not who
// speaks: a capital in it ("Kinshasa", "Moscow")
// is no government, and its dash opens no aside that would hide the
// sentence's real subject ("Kinshasa (AFP) - The United States on Wednesday
// condemned …").

// Capitalised words: "GOMA", "Sake", "Jajarkot", "Southeast Sulawesi".
const WORD = String.raw`\p{Lu}[\p{L}'’.-]*`;
const PLACE = String.raw`${WORD}(?:[ \t]+${WORD}){0,3}`;
// After a comma: a country or region ("Democratic Republic of the Congo"), a date ("Oct 13",
// "14 October 2025") or a weekday, from a capital or a digit on; never "and" ("Russia, China
// and Iran – three allies – said") nor "the" ("Meanwhile, the US Secretary of State – in a call – said").
const PART_FIRST = String.raw`[\p{Lu}\d][\p{L}\d'’.]*`;
const PART_WORD = String.raw`(?:${PART_FIRST}|of|the|de|du|la|del)`;
const PART = String.raw`,[ \t]*${PART_FIRST}(?:[ \t]+${PART_WORD}){0,5}`;
// The agency, or the country, in brackets: "(Reuters)", "(Nepal) (AFP)".
const BRACKETS = String.raw`(?:[ \t]*\([^()\n]{1,30}\))+`;
const DATELINE = new RegExp(
  String.raw`^[ \t]*(${PLACE})((?:${PART}){0,3})(${BRACKETS})?(?:[ \t]+-{1,2}|[ \t]*[–—])[ \t]+(?=\S)`,
  'u',
);

// A date alone: "11 April 2026 — ", "April 11, 2026 – ", "Oct. 13 - ".
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATE_ONLY = new RegExp(
  String.raw`^[ \t]*(?:\d{1,2}[ \t]+${MONTH}(?:[ \t]+\d{4})?|${MONTH}[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?)(?:[ \t]+-{1,2}|[ \t]*[–—])[ \t]+(?=\S)`,
  'u',
);

/**
 * The length of the dateline `text` opens with, dash and spaces included;
 * 0 when it has none. A place alone before the dash is a dateline only in
 * capitals ("MOMBASA – ") and when no dash follows to close an aside:
 * "Russia — the Kremlin's ally — said" and "NATO – through its Secretary
 * General – voiced alarm" open with none.
 */
export function datelineEnd(text: string): number {
  const m = DATELINE.exec(text);
  if (!m) {
    const date = DATE_ONLY.exec(text)?.[0];
    return date && !/\s[–—-]{1,2}\s/u.test(text.slice(date.length)) ? date.length : 0;
  }
  const [whole, place, parts, brackets] = m;
  if (parts || brackets) return whole.length;
  const capitals = place!.length >= 3 && !/\p{Ll}/u.test(place!);
  return capitals && !/\s[–—-]{1,2}\s/u.test(text.slice(whole.length)) ? whole.length : 0;
}
