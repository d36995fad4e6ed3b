// The footnotes as readers get them, after remark-rehype has numbered them in
// reading order (the first reference first): each note ends with one short
// group of back-links ("↩ 1 2 3", one per place that cites it) instead of a
// labelled arrow per reference, and the references drop the description
// GFM gives each of them: the same words, said two hundred times, were a
// fifth of the page. Without script, the marks and back-links are plain links.
import type { Element, ElementContent, Root } from 'hast';
import { eachElement } from './each-element.ts';

export default function rehypeFootnotes() {
  return (tree: Root) => {
    eachElement(tree, (node) => {
      if (node.tagName === 'a' && node.properties.dataFootnoteRef !== undefined) delete node.properties.ariaDescribedBy;
      if (node.tagName === 'li' && typeof node.properties.id === 'string' && node.properties.id.startsWith('fn-'))
        compactBackLinks(node);
    });
  };
}

function isBackLink(node: ElementContent): node is Element {
  return node.type === 'element' && node.tagName === 'a' && node.properties.dataFootnoteBackref !== undefined;
}

/** Replaces the note's back-links (and the spaces between them) by one group. */
function compactBackLinks(li: Element): void {
  const hrefs: string[] = [];
  let last: Element | null = null;
  eachElement(li, (node) => {
    if (!node.children.some(isBackLink)) return;
    for (const child of node.children) if (isBackLink(child)) hrefs.push(String(child.properties.href));
    node.children = node.children.filter((c) => !isBackLink(c));
    while (node.children.at(-1)?.type === 'text' && /^\s*$/.test((node.children.at(-1) as { value: string }).value))
      node.children.pop();
    const end = node.children.at(-1);
    if (end?.type === 'text') end.value = end.value.trimEnd();
    last = node;
  });
  const parent = last as Element | null;
  if (parent === null || hrefs.length === 0) return;
  const group: Element =
    hrefs.length === 1
      ? {
          type: 'element',
          tagName: 'a',
          properties: { href: hrefs[0], className: ['fn-back'], ariaLabel: '↩ Back to the text' },
          children: [{ type: 'text', value: '↩' }],
        }
      : {
          type: 'element',
          tagName: 'span',
          properties: { className: ['fn-back'], role: 'group', ariaLabel: 'Back to the text' },
          children: [
            { type: 'text', value: '↩' },
            ...hrefs.flatMap((href, i): ElementContent[] => [
              { type: 'text', value: ' ' },
              {
                type: 'element',
                tagName: 'a',
                properties: { href },
                children: [{ type: 'text', value: String(i + 1) }],
              },
            ]),
          ],
        };
  parent.children.push({ type: 'text', value: ' ' }, group);
}
