/**
 * `for (const m of text.matchAll(pattern))` for a global pattern without the
 * copy of the pattern that matchAll makes on every call. The pattern's
 * `lastIndex` starts at 0 and ends at 0, as the patterns here are only used so.
 */
export function forEachMatch(pattern: RegExp, text: string, each: (match: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    // An empty match would stall: step past it, as matchAll does (no `u` flag here).
    if (match[0] === '') pattern.lastIndex += 1;
    each(match);
  }
}
