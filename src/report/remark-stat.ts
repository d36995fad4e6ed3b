// `:stat{name="figures"}` → a number about the datasets themselves, so the
// methodology section states what was counted, reviewed and left out.
import type { Root } from 'mdast';
import type {} from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { ChartData } from '../charts/chart.ts';
import { expected } from '../common/suggest.ts';
import { fail } from '../common/problems.ts';

const reviewed = (row: object) => (row as { reviewed?: boolean }).reviewed === true;

export const STATS: Readonly<Record<string, (data: ChartData) => number>> = {
  articles: (d) => d.articles.length,
  figures: (d) => d.casualties.length,
  // Reactions are other actors' positions: the story's home authorities' own statements are not counted.
  reactions: (d) => d.reactions.filter((r) => r.actor !== d.story.home).length,
  actors: (d) => new Set(d.reactions.filter((r) => r.actor !== d.story.home).map((r) => r.actor)).size,
  vague: (d) => d.casualties.filter((r) => r.qualifier === 'vague').length,
  retracted: (d) => d.casualties.filter((r) => r.status === 'retracted').length,
  'reviewed-figures': (d) => d.casualties.filter(reviewed).length,
  'reviewed-reactions': (d) => d.reactions.filter(reviewed).length,
  translated: (d) => d.articles.filter((a) => a.translated_from !== null).length,
};

export default function remarkStat(options: { data: ChartData }) {
  const names = Object.keys(STATS);
  return (tree: Root, file: VFile) => {
    visit(tree, 'textDirective', (node, index, parent) => {
      if (node.name !== 'stat' || !parent || index === undefined) return;
      const unknown = Object.keys(node.attributes ?? {}).filter((key) => key !== 'name');
      for (const key of unknown) {
        fail(
          file,
          `Unexpected attribute \`${key}\` on \`:stat\`, ${expected(key, ['name'])}`,
          node.position,
          'stat-attribute',
        );
      }
      if (unknown.length > 0) return;
      const name = node.attributes?.name ?? '';
      const stat = STATS[name];
      if (!stat) {
        fail(file, `Unexpected stat \`${name}\`, ${expected(name, names)}`, node.position, 'stat-unknown');
        return;
      }
      parent.children[index] = { type: 'text', value: stat(options.data).toLocaleString('en-US') };
    });
  };
}
