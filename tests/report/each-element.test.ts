import { h } from 'hastscript';
import type { Element, Nodes, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { eachElement, eachNode } from '../../src/report/each-element.ts';

/** A page-like tree: text, comments, nested elements and an SVG. */
function page(): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('main', [
        h('h2', 'One'),
        { type: 'comment', value: 'note' },
        h('p', ['Text ', h('a', { href: '#x' }, 'link'), '.']),
        h('figure', [h('svg', [h('g', [h('text', 'a'), h('text', 'b')])])]),
        h('h2', 'Two'),
      ]),
    ],
  };
}

const label = (node: Nodes) => (node.type === 'element' ? node.tagName : node.type);

describe('eachNode and eachElement', () => {
  it('visit as unist-util-visit does, in document order', () => {
    const ours: string[] = [];
    const theirs: string[] = [];
    eachNode(page(), (node) => ours.push(label(node)));
    visit(page(), (node) => void theirs.push(label(node as Nodes)));
    expect(ours).toEqual(theirs);
    const elements: string[] = [];
    const theirElements: string[] = [];
    eachElement(page(), (node) => elements.push(node.tagName));
    visit(page(), 'element', (node: Element) => void theirElements.push(node.tagName));
    expect(elements).toEqual(theirElements);
    expect(elements.filter((t) => t === 'text')).toHaveLength(2);
  });

  it('visit the children a node gets when it is seen, as unist-util-visit does', () => {
    const grow = (node: Element) => {
      if (node.tagName === 'h2') node.children.push(h('a', { className: ['permalink'] }, '#'));
    };
    const ours: string[] = [];
    const theirs: string[] = [];
    eachElement(page(), (node) => {
      grow(node);
      ours.push(node.tagName);
    });
    visit(page(), 'element', (node: Element) => {
      grow(node);
      theirs.push(node.tagName);
    });
    expect(ours).toEqual(theirs);
    expect(ours.filter((t) => t === 'a')).toHaveLength(3);
  });
});
