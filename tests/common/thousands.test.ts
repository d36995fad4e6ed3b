// thousands (src/common/thousands.ts) writes every number as
// toLocaleString('en-US') does, without loading the locale data.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/bench/seeded-random.ts';
import { thousands } from '../../src/common/thousands.ts';

const asLocale = (n: number) => n.toLocaleString('en-US');

describe('thousands', () => {
  it('groups the digits of whole numbers by three, as toLocaleString does', () => {
    expect(thousands(0)).toBe('0');
    expect(thousands(999)).toBe('999');
    expect(thousands(1000)).toBe('1,000');
    expect(thousands(-1234567)).toBe('-1,234,567');
    for (let n = -20_000; n <= 20_000; n += 7) expect(thousands(n), String(n)).toBe(asLocale(n));
    for (let p = 1; p <= Number.MAX_SAFE_INTEGER; p *= 10)
      for (const n of [p - 1, p, p + 1, -p]) expect(thousands(n), String(n)).toBe(asLocale(n));
    const random = seededRandom(17);
    for (let i = 0; i < 2_000; i += 1) {
      const n = Math.floor(random() * 10 ** Math.floor(random() * 16)) * (random() < 0.2 ? -1 : 1);
      expect(thousands(n), String(n)).toBe(asLocale(n));
    }
  });

  it('leaves other numbers to toLocaleString', () => {
    for (const n of [-0, 1.5, 1234.5678, Number.MAX_SAFE_INTEGER + 2, 1e21, NaN, Infinity, -Infinity])
      expect(thousands(n), String(n)).toBe(asLocale(n));
  });
});
