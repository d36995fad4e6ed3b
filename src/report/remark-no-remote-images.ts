// The page loads nothing from outside (its Content Security Policy allows
// only `data:` images): an image from the web or a file would show as a broken
// box, and could tell a server who reads the page. It is left out of the page,
// and the editor is told where, instead of seeing it vanish.
import type { Definition, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

const INLINE = /^data:image\//i;

export default function remarkNoRemoteImages() {
  return (tree: Root, file: VFile) => {
    const definitions = new Map<string, Definition>();
    visit(tree, 'definition', (node) => {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
    });
    visit(tree, (node, index, parent) => {
      if ((node.type !== 'image' && node.type !== 'imageReference') || !parent || index === undefined) return;
      const url = node.type === 'image' ? node.url : (definitions.get(node.identifier)?.url ?? '');
      if (INLINE.test(url.trim())) return;
      file.message(
        `Unexpected image \`${url}\`, it is left out of the page: expected no image from the web or a file (the page loads nothing from outside); use a chart, or a \`data:image/…\` address`,
        {
          place: node.position,
          ruleId: 'image-remote',
          source: 'newsbook',
        },
      );
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
