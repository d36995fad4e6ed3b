// Directives no plugin understands: silently dropping an editor's markup
// would hide a typo, so each is an error at its position.
import type { Root } from 'mdast';
import type {} from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { expected } from '../common/suggest.ts';
import { fail } from '../common/problems.ts';

const SYNTAX = { textDirective: ':', leafDirective: '::', containerDirective: ':::' } as const;

/** Known directive names and how each is written (`:cite[…]`, `::chart{…}`). */
export type KnownDirectives = Readonly<Record<string, (typeof SYNTAX)[keyof typeof SYNTAX]>>;

export default function remarkUnknownDirectives(options: { known: KnownDirectives }) {
  const names = Object.keys(options.known);
  return (tree: Root, file: VFile) => {
    visit(tree, ['textDirective', 'leafDirective', 'containerDirective'], (node) => {
      if (node.type !== 'textDirective' && node.type !== 'leafDirective' && node.type !== 'containerDirective') return;
      const written = `${SYNTAX[node.type]}${node.name}`;
      const form = options.known[node.name];
      // Written the right way, it belongs to its own plugin, which reports its misuse.
      if (form === SYNTAX[node.type]) return;
      const reason = form
        ? `Unexpected \`${written}\`, expected \`${form}${node.name}\`${form === '::' ? ' on a line of its own' : ' inside a paragraph'}`
        : `Unexpected unknown directive \`${written}\`, ${expected(node.name, names)}`;
      fail(file, reason, node.position, 'directive-unknown');
    });
  };
}
