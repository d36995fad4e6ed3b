// Markdown's parser recurses once per level of nesting: 5,000 `>` on one line
// overflow the stack, and a list nested 1,000 deep takes half a minute. No
// story needs more than a handful of levels, so text nested deeper than
// MAX_NESTING (README: "Edit the story") is refused before it is parsed, at
// the marker that goes one level too deep. One linear pass over the text:
// block quotes and lists (markers at the start of a line, and the indentation
// a nested list needs), links (`[` still open in a paragraph) and emphasis
// (a run of `*` or `_`, which opens up to half its length in levels).

import type { VFile } from 'vfile';
import { fail } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';

export const MAX_NESTING = 100;

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** The first place where the story (`file.value`) nests more than `max` deep, reported on `file`; null when it never does. */
export function findDeepNesting(file: VFile, max = MAX_NESTING): VFileMessage | null {
  const lines = String(file.value ?? '').split('\n');
  let brackets = 0;
  for (let n = 0; n < lines.length; n += 1) {
    const line = lines[n]!;
    const at = (index: number, what: string) =>
      fail(
        file,
        `Unexpected ${what} nested more than ${max} deep: expected at most ${max} levels (a story needs a handful)`,
        { line: n + 1, column: index + 1 },
        'nesting-depth',
      );

    // Block containers at the start of the line.
    let depth = 0;
    let i = 0;
    for (let first = true; ; first = false) {
      let width = 0;
      while (line[i] === ' ' || line[i] === '\t') width += line[i++] === '\t' ? 4 : 1;
      if (line[i] === '>') {
        depth += 1;
      } else {
        const marker = LIST_MARKER.exec(line.slice(i, i + 11));
        if (!marker) break;
        // An indented list item sits inside the lists its indentation continues (two columns a level at least).
        depth += 1 + (first ? Math.floor(width / 2) : 0);
        if (depth > max) return at(i, 'block quotes or lists');
        i += marker[0].length;
        continue;
      }
      if (depth > max) return at(i, 'block quotes or lists');
      i += 1;
    }

    // Inline: links still open in this paragraph, and runs of emphasis markers.
    if (line.trim() === '') {
      brackets = 0;
      continue;
    }
    const breakLine = THEMATIC_BREAK.test(line);
    for (let k = 0; k < line.length; k += 1) {
      const c = line[k];
      if (c === '\\') {
        k += 1;
      } else if (c === '[') {
        brackets += 1;
        if (brackets > max) return at(k, 'links or brackets');
      } else if (c === ']') {
        brackets = Math.max(0, brackets - 1);
      } else if ((c === '*' || c === '_') && !breakLine) {
        let end = k;
        while (line[end] === c) end += 1;
        if (end - k > 2 * max) return at(k, 'emphasis');
        k = end - 1;
      }
    }
  }
  return null;
}
