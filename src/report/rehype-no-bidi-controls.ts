// No bidi embedding, override or isolate character reaches the page, in the
// text or in an attribute (a chart's tooltip): an invisible U+202E in an
// article's title would otherwise show the rest of its line reversed. The
// article's own text keeps its direction through <bdi> (bidi.ts).
import type { Element, Root, Text } from 'hast';
import { eachNode } from './each-element.ts';
import { BIDI_CONTROLS, withoutBidiControls } from './bidi.ts';

export default function rehypeNoBidiControls() {
  return (tree: Root) => {
    eachNode(tree, (node) => {
      if (node.type === 'text') {
        const text = node as Text;
        if (BIDI_CONTROLS.test(text.value)) text.value = withoutBidiControls(text.value);
        BIDI_CONTROLS.lastIndex = 0;
      } else if (node.type === 'element') {
        const properties = (node as Element).properties;
        for (const [name, value] of Object.entries(properties)) {
          if (typeof value === 'string') properties[name] = withoutBidiControls(value);
        }
      }
    });
  };
}
