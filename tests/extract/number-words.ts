// The test oracle for counts written in words: English number names written
// from scratch, independent of src/extract/numbers.ts, in the styles newsrooms
// use. Shared by the round-trip property test and the fuzz suite.

export interface WordStyle {
  /** "twenty-six" or "twenty six". */
  hyphen: boolean;
  /** British "and" before the last two digits: "one hundred and five", "two thousand and five". */
  and: boolean;
  /** "a hundred", "a thousand", "a million" for a leading one. */
  article: boolean;
}

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const DECADES = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALE_NAMES: readonly (readonly [number, string])[] = [
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
];

function tens(n: number, style: WordStyle): string {
  if (n < 20) return ONES[n]!;
  const unit = n % 10;
  const decade = DECADES[Math.floor(n / 10)]!;
  return unit === 0 ? decade : `${decade}${style.hyphen ? '-' : ' '}${ONES[unit]!}`;
}

function hundreds(n: number, style: WordStyle): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  const words: string[] = [];
  if (h > 0) words.push(ONES[h]!, 'hundred');
  if (rest > 0) {
    if (h > 0 && style.and) words.push('and');
    words.push(tens(rest, style));
  }
  return words.join(' ');
}

export function toWords(n: number, style: WordStyle): string {
  if (n === 0) return 'zero';
  const words: string[] = [];
  let rest = n;
  for (const [scale, name] of SCALE_NAMES) {
    const group = Math.floor(rest / scale);
    if (group > 0) words.push(hundreds(group, style), name);
    rest %= scale;
  }
  if (rest > 0) {
    // "two thousand and five": British usage puts "and" before a last group below 100.
    if (words.length > 0 && rest < 100 && style.and) words.push('and');
    words.push(hundreds(rest, style));
  }
  const text = words.join(' ');
  return style.article ? text.replace(/^one (hundred|thousand|million|billion)\b/, 'a $1') : text;
}
