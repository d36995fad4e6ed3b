// `:cite[003]` → a footnote naming article 003 (see source-footnotes.ts).
import type { Root } from 'mdast';
import type {} from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { sourceReference } from './source-footnotes.ts';
import { expected } from '../common/suggest.ts';
import { fail } from '../common/problems.ts';

export default function remarkCite(options: { articleIds: readonly string[] }) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'textDirective', (node, index, parent) => {
      if (node.name !== 'cite' || !parent || index === undefined) return;
      const ids = toString(node)
        .split(/[\s,]+/)
        .filter(Boolean);
      if (ids.length === 0) {
        fail(
          file,
          'Unexpected empty citation, expected an article id such as `:cite[000]`',
          node.position,
          'cite-empty',
        );
        return;
      }
      for (const id of ids) {
        if (!options.articleIds.includes(id)) {
          fail(
            file,
            `Unexpected unknown article \`${id}\`, ${expected(id, options.articleIds)}`,
            node.position,
            'cite-unknown-article',
          );
        }
      }
      parent.children.splice(index, 1, ...ids.map(sourceReference));
      return index + ids.length;
    });
  };
}
