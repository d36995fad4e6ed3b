// Answers worked out once per key and kept, up to a bound: a long derive asks
// the same few questions of many rows, words and tags, and memory stays flat.

/** `compute()` for `key`, remembered in `memo` (emptied once it holds `bound` answers). */
export function remember<K, T>(memo: Map<K, T>, key: K, compute: () => T, bound = 50_000): T {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    if (memo.size >= bound) memo.clear();
    memo.set(key, value);
  }
  return value;
}
