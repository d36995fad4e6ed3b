// Section headings a reader can link to: each gets an id from its words and a
// permalink shown on hover and focus; a story with more than three sections
// gets a table of contents at the top (the front matter's `toc: false` turns
// it off). Chart titles are named by their figure and left as they are.
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { eachElement } from './each-element.ts';
import type { VFile } from 'vfile';

const SECTION = 'h2';

/** "Where the world stood" → "where-the-world-stood". */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

export default function rehypeHeadings() {
  return (tree: Root, file: VFile) => {
    const taken = new Set<string>();
    eachElement(tree, (node) => {
      if (typeof node.properties.id === 'string') taken.add(node.properties.id);
    });
    const sections: { id: string; text: string }[] = [];
    eachElement(tree, (node) => {
      if (
        !/^h[2-6]$/.test(node.tagName) ||
        (node.properties.className as string[] | undefined)?.includes('chart-title')
      )
        return;
      const text = toString(node).trim();
      let id = typeof node.properties.id === 'string' ? node.properties.id : '';
      if (id === '') {
        const base = slug(text);
        id = base;
        for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
        taken.add(id);
        node.properties.id = id;
      }
      node.children.push({ type: 'text', value: ' ' }, permalink(id));
      if (node.tagName === SECTION) sections.push({ id, text });
    });
    if (sections.length > 3 && file.data.meta?.toc !== false)
      tree.children.unshift(contents(sections), { type: 'text', value: '\n' });
  };
}

function permalink(id: string): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { href: `#${id}`, className: ['permalink'] },
    children: [
      { type: 'text', value: '#' },
      {
        type: 'element',
        tagName: 'span',
        properties: { className: ['sr-only'] },
        children: [{ type: 'text', value: ' Link to this section' }],
      },
    ],
  };
}

function contents(sections: readonly { id: string; text: string }[]): Element {
  return h('nav', { className: ['toc'], ariaLabelledBy: 'toc-title' }, [
    h('p', { id: 'toc-title', className: ['toc-title'] }, 'Contents'),
    h(
      'ol',
      sections.map((s) => h('li', [h('a', { href: `#${s.id}` }, s.text)])),
    ),
  ]);
}
