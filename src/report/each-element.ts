// Every node of a page's tree, for the rehype plugins that look at each one.
// unist-util-visit makes a closure for every node it visits and a copy of the
// ancestors for every parent; the page's tree holds the charts' SVG,
// thousands of elements, and five plugins walk it on each rebuild of the
// preview: their walks were some two fifths of a warm rebuild.
import type { Element, Nodes } from 'hast';

/**
 * Calls `fn` on `tree` and each node under it, in document order, as
 * `visit(tree, fn)` does: a node before its children, which are read after
 * `fn` has seen it (children it adds are visited too).
 */
export function eachNode(tree: Nodes, fn: (node: Nodes) => void): void {
  fn(tree);
  if (!('children' in tree)) return;
  for (let i = 0; i < tree.children.length; i += 1) eachNode(tree.children[i]!, fn);
}

/** eachNode for the elements only, as `visit(tree, 'element', fn)`. */
export function eachElement(tree: Nodes, fn: (node: Element) => void): void {
  eachNode(tree, (node) => {
    if (node.type === 'element') fn(node);
  });
}
