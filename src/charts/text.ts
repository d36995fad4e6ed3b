// Text metrics without a browser: the build-time DOM measures nothing, so labels are laid
// out with advance widths close to DejaVu Sans, the widest of the common
// system-ui fonts. Estimates err on the wide side, so labels never collide.

const WIDTHS: Record<string, number> = {
  a: 0.613,
  b: 0.635,
  c: 0.55,
  d: 0.635,
  e: 0.615,
  f: 0.352,
  g: 0.635,
  h: 0.634,
  i: 0.278,
  j: 0.278,
  k: 0.579,
  l: 0.278,
  m: 0.974,
  n: 0.634,
  o: 0.612,
  p: 0.635,
  q: 0.635,
  r: 0.411,
  s: 0.521,
  t: 0.392,
  u: 0.634,
  v: 0.592,
  w: 0.818,
  x: 0.592,
  y: 0.592,
  z: 0.525,
  ' ': 0.318,
  '.': 0.318,
  ',': 0.318,
  ':': 0.337,
  ';': 0.337,
  "'": 0.275,
  '’': 0.318,
  '"': 0.46,
  '“': 0.52,
  '”': 0.52,
  '(': 0.39,
  ')': 0.39,
  '-': 0.361,
  '–': 0.5,
  '—': 1,
  '/': 0.337,
  '!': 0.4,
  '?': 0.531,
  '·': 0.318,
  '…': 1,
  '≥': 0.838,
  '≤': 0.838,
  '>': 0.838,
  '<': 0.838,
  '≈': 0.838,
  '+': 0.838,
  '=': 0.838,
  '↑': 0.838,
  '↓': 0.838,
  '%': 0.95,
  '&': 0.78,
  I: 0.295,
  J: 0.295,
  M: 0.863,
  W: 0.989,
};

/** The width of `text` in pixels at `fontSize`, bold a little wider. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text) {
    const known = WIDTHS[char];
    if (known !== undefined) em += known;
    else if (/[0-9]/.test(char)) em += 0.636;
    else if (/[A-Z]/.test(char)) em += 0.72;
    else em += 0.62;
  }
  return em * fontSize * (bold ? 1.08 : 1);
}

/** Splits `text` into lines no wider than `width` pixels, breaking at spaces (a word longer than a line stands alone). */
export function wrap(text: string, width: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSize, bold) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
