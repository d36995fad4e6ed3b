/**
 * Whole numbers below `n`, the same every run from one seed (mulberry32: it
 * stays exact in 32-bit integers, where a plain linear congruence multiplied
 * past 2^53 loses its low bits).
 */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed | 0;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}
