// The narrative is Markdown only: raw HTML is never rendered (it could carry a
// script into the page), and the editor is told so instead of seeing it vanish.
// A comment (`<!-- … -->`) is an editor's note: left out without a word.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export default function remarkNoHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node) => {
      if (/^<!--(?:(?!-->)[\s\S])*-->$/.test(node.value.trim())) return;
      file.message('Unexpected raw HTML, it is left out of the page: write Markdown instead', {
        place: node.position,
        ruleId: 'no-html',
        source: 'newsbook',
      });
    });
  };
}
