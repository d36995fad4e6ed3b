// A seeded generator (mulberry32): small, fast, and the same sequence
// everywhere for a seed, so that synthetic corpora and sampled tests are the
// same on every run and a failure names a reproducible case.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
