// remark-rehype's footnote references, numbered as it numbers them (in the
// order footnotes are first referenced), without its cost: its handler finds
// a reference's number with `indexOf` in the list of the footnotes met so
// far, quadratic in them. A page whose tables footnote each of their rows has
// tens of thousands (28,000 for a story of 2,000 articles, where that search
// was 9% of the page's build). This handler gives the list an index
// kept as it grows, then leaves the rest to remark-rehype's own.
import { defaultHandlers } from 'mdast-util-to-hast';
import type { Handler } from 'mdast-util-to-hast';

/** The lists already indexed: one per page built (mdast-util-to-hast's `state.footnoteOrder`). */
const INDEXED = new WeakSet<string[]>();

export const footnoteReference: Handler = (state, node) => {
  indexed(state.footnoteOrder);
  return defaultHandlers.footnoteReference(state, node);
};

/**
 * The list, its `push` and `indexOf` answered from a map of each id's first
 * place: the only ways mdast-util-to-hast changes and searches it (it reads
 * the rest by index, as before).
 */
function indexed(order: string[]): void {
  if (INDEXED.has(order)) return;
  INDEXED.add(order);
  const first = new Map<string, number>();
  order.forEach((id, i) => {
    if (!first.has(id)) first.set(id, i);
  });
  Object.defineProperties(order, {
    push: {
      value(...ids: string[]): number {
        for (const id of ids) {
          if (!first.has(id)) first.set(id, order.length);
          Array.prototype.push.call(order, id);
        }
        return order.length;
      },
    },
    indexOf: {
      value(id: string, from?: number): number {
        return from === undefined ? (first.get(id) ?? -1) : Array.prototype.indexOf.call(order, id, from);
      },
    },
  });
}
