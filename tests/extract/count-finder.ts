// The number tests' finder (numbers-*.test.ts): findCounts, each mention it
// returns checked for the invariants every mention must keep.
import { expect } from 'vitest';
import { QUALIFIERS } from '../../src/datasets/schema.ts';
import { findCounts, type CountMention } from '../../src/extract/numbers.ts';

/** findCounts plus the invariants every mention must keep, checked on every call. */
export function counts(text: string): CountMention[] {
  const found = findCounts(text);
  let previousEnd = 0;
  for (const m of found) {
    expect(text.slice(m.start, m.end)).toBe(m.phrase);
    expect(m.start).toBeGreaterThanOrEqual(previousEnd);
    expect(m.start).toBeLessThanOrEqual(m.numberStart);
    expect(m.numberStart).toBeLessThan(m.numberEnd);
    expect(m.numberEnd).toBeLessThanOrEqual(m.end);
    expect(m.phrase.trim()).toBe(m.phrase);
    expect(QUALIFIERS).toContain(m.qualifier);
    expect(Number.isSafeInteger(m.value) && m.value >= 0).toBe(true);
    previousEnd = m.end;
  }
  return found;
}

export function phrases(text: string): string[] {
  return counts(text).map((m) => m.phrase);
}

export function only(text: string): CountMention {
  const found = counts(text);
  expect(found.map((m) => m.phrase)).toHaveLength(1);
  return found[0]!;
}

export function numberText(text: string, m: CountMention): string {
  return text.slice(m.numberStart, m.numberEnd);
}
