/**
 * A whole number as readers read it, its thousands set apart by commas
 * ("12,345"): what `toLocaleString('en-US')` writes, without the first call
 * of it, which loads the platform's locale data (some 16–26 ms of a derive
 * that adds one article to thousands, spent as it writes CHANGES.md). Any
 * other number is left to toLocaleString.
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}
