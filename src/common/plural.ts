import { thousands } from './thousands.ts';

/** "1 article", "2,000 articles": a count and its noun, as every summary the user reads writes them. */
export function plural(n: number, word: string): string {
  return `${thousands(n)} ${word}${n === 1 ? '' : 's'}`;
}
