// The casualty tests' rows (casualties-*.test.ts): the rows of one body, checked
// against their offsets and reduced to the fields a test asserts, and the rows a
// test expects, for an article published on Friday 7 January 2022.
import { expect } from 'vitest';
import type { Group, Measure, Qualifier, Status } from '../../src/datasets/schema.ts';
import { extractCasualties } from '../../src/extract/casualties.ts';

/** Friday 7 January 2022: Thursday is the 6th, Wednesday the 5th, Sunday the 2nd. */
export const PUBLISHED = '2022-01-07';

export interface Expected {
  measure: Measure;
  group: Group;
  value: number;
  qualifier: Qualifier;
  low: number | null;
  high: number | null;
  phrase: string;
  as_of: string | null;
  attribution: string | null;
  status: Status;
}

/** The rows of one body, checked against their offsets, reduced to the fields a test asserts. */
export function extract(body: string, published = PUBLISHED): Expected[] {
  const { rows } = extractCasualties({ id: 't', body, published });
  return rows.map((r) => {
    expect(body.slice(r.start, r.end)).toBe(r.quote);
    const { measure, group, value, qualifier, low, high, phrase, as_of, attribution, status } = r;
    return { measure, group, value, qualifier, low, high, phrase, as_of, attribution, status };
  });
}

/** One expected row; bounds follow the qualifier unless given. */
export function row(
  measure: Measure,
  group: Group,
  phrase: string,
  value: number,
  qualifier: Qualifier,
  more: Partial<Expected> = {},
): Expected {
  const low = qualifier === 'up_to' || qualifier === 'fewer_than' ? null : value;
  const high =
    qualifier === 'exact' || qualifier === 'about'
      ? value
      : qualifier === 'up_to' || qualifier === 'fewer_than'
        ? value
        : null;
  return {
    measure,
    group,
    value,
    qualifier,
    low,
    high,
    phrase,
    as_of: PUBLISHED,
    attribution: null,
    status: 'reported',
    ...more,
  };
}

export const vague = (low: number, high: number) => ({ low, high });
