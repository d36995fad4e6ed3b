// Blocks written mostly in Arabic script carry `lang="ar" dir="rtl"`, so screen
// readers switch voice and the text runs right to left.
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { eachElement } from './each-element.ts';

const BLOCKS = new Set(['p', 'li', 'blockquote', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'figcaption']);

export default function rehypeScriptDirection() {
  return (tree: Root) => {
    eachElement(tree, (node: Element) => {
      if (!BLOCKS.has(node.tagName) || node.properties.lang) return;
      const text = toString(node);
      const arabic = (text.match(/[\u0600-\u06FF]/g) ?? []).length;
      const latin = (text.match(/[A-Za-z]/g) ?? []).length;
      if (arabic > latin) Object.assign(node.properties, { lang: 'ar', dir: 'rtl' });
    });
  };
}
