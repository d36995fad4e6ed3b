// `:count{measure="arrested" pick="max"}` → "more than 3,000" with a footnote
// to the sentence it came from, so the prose follows the data.
import type { PhrasingContent, Root } from 'mdast';
import type {} from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { GROUP_LABELS, MEASURE_LABELS } from '../charts/labels.ts';
import { GROUPS } from '../datasets/schema.ts';
import type { CasualtyRow } from '../datasets/schema.ts';
import { quoteReference } from './quote-footnotes.ts';
import { expected } from '../common/suggest.ts';
import { fail } from '../common/problems.ts';
import { compare } from '../common/compare.ts';

export const PICKS = ['max', 'min', 'latest', 'earliest'] as const;
type Pick = (typeof PICKS)[number];

const ATTRIBUTES = ['measure', 'group', 'pick', 'article', 'as_of'] as const;

export interface CountQuery {
  measure: string;
  group?: string;
  pick: Pick;
  article?: string;
  as_of?: string;
}

/** The row a query picks among the reported (not withdrawn, not disputed) figures, or null. */
export function pickFigure(rows: readonly CasualtyRow[], query: CountQuery): CasualtyRow | null {
  const candidates = rows.filter(
    (r) =>
      r.status === 'reported' &&
      r.measure === query.measure &&
      (!query.group || r.group === query.group) &&
      (!query.article || r.article === query.article) &&
      (!query.as_of || r.as_of === query.as_of),
  );
  const day = (r: CasualtyRow) => r.as_of ?? '';
  const order: Record<Pick, (a: CasualtyRow, b: CasualtyRow) => number> = {
    max: (a, b) => b.value - a.value || compare(day(b), day(a)),
    min: (a, b) => a.value - b.value || compare(day(a), day(b)),
    latest: (a, b) => compare(day(b), day(a)) || b.value - a.value,
    earliest: (a, b) => compare(day(a), day(b)) || a.value - b.value,
  };
  return [...candidates].sort((a, b) => order[query.pick](a, b) || compare(a.id, b.id))[0] ?? null;
}

/** "more than 3,000", "at least 8", "dozens": the figure as a reader should read it. */
export function formatFigure(row: CasualtyRow): string {
  if (row.qualifier === 'vague') return row.phrase.replace(/^["“”]+|["“”]+$/g, '');
  const value = row.value.toLocaleString('en-US');
  const words: Record<CasualtyRow['qualifier'], string> = {
    exact: '',
    at_least: 'at least ',
    more_than: 'more than ',
    about: 'about ',
    up_to: 'up to ',
    fewer_than: 'fewer than ',
    vague: '',
  };
  return `${words[row.qualifier]}${value}`;
}

export default function remarkCount(options: { casualties: readonly CasualtyRow[]; articleIds: readonly string[] }) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'textDirective', (node, index, parent) => {
      if (node.name !== 'count' || !parent || index === undefined) return;
      const refuse = (reason: string, ruleId: string) => fail(file, reason, node.position, ruleId);
      const attributes = node.attributes ?? {};
      const allowed: Record<string, readonly string[]> = {
        measure: Object.keys(MEASURE_LABELS),
        group: GROUPS,
        pick: PICKS,
        article: options.articleIds,
      };
      let valid = true;
      for (const [key, value] of Object.entries(attributes)) {
        if (!(ATTRIBUTES as readonly string[]).includes(key)) {
          refuse(`Unexpected attribute \`${key}\` on \`:count\`, ${expected(key, ATTRIBUTES)}`, 'count-attribute');
          valid = false;
        } else if (allowed[key] && !allowed[key].includes(value ?? '')) {
          refuse(
            `Unexpected ${key} \`${value}\` on \`:count\`, ${expected(value ?? '', allowed[key])}`,
            'count-attribute',
          );
          valid = false;
        }
      }
      if (!attributes.measure) {
        refuse(
          `Missing \`measure\` on \`:count\`, expected one of ${Object.keys(MEASURE_LABELS)
            .map((m) => `\`${m}\``)
            .join(', ')}`,
          'count-attribute',
        );
        return;
      }
      if (!valid) return;
      const query: CountQuery = { measure: attributes.measure, pick: (attributes.pick ?? 'max') as Pick };
      if (attributes.group) query.group = attributes.group;
      if (attributes.article) query.article = attributes.article;
      if (attributes.as_of) query.as_of = attributes.as_of;
      const row = pickFigure(options.casualties, query);
      if (!row) {
        refuse(
          `Cannot find a reported figure for ${describe(query)}, expected one of: ${available(options.casualties)}`,
          'count-no-match',
        );
        return;
      }
      const figure: PhrasingContent = {
        type: 'emphasis',
        // dir="auto": the phrase may be the article's own words; isolated from the sentence around it.
        data: { hName: 'data', hProperties: { value: String(row.value), className: ['figure'], dir: 'auto' } },
        children: [{ type: 'text', value: formatFigure(row) }],
      };
      parent.children.splice(index, 1, figure, quoteReference(row.id));
      return index + 2;
    });
  };
}

function describe(query: CountQuery): string {
  return [
    `${MEASURE_LABELS[query.measure as CasualtyRow['measure']] ?? query.measure}`,
    query.group ? GROUP_LABELS[query.group as CasualtyRow['group']] : null,
    query.article ? `article ${query.article}` : null,
    query.as_of ? `on ${query.as_of}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

function available(rows: readonly CasualtyRow[]): string {
  const combos = [
    ...new Set(rows.filter((r) => r.status === 'reported').map((r) => `measure="${r.measure}" group="${r.group}"`)),
  ].sort();
  return combos.length === 0 ? 'no figures at all' : combos.join('; ');
}
