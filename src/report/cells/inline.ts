// `${expr}` in the narrative's text: where each one is (a backslash before
// the `$` prints it as written), and what its value prints as: a number in the
// story's format, a date as the charts write days, a row of the story as its
// figure with the footnote to its quote (as `:count` does), several rows as a
// list of them.
import type { PhrasingContent } from 'mdast';
import { stanceLabel, formatDay } from '../../charts/labels.ts';
import type { CasualtyRow, ReactionRow } from '../../datasets/schema.ts';
import { quoteReference } from '../quote-footnotes.ts';
import { formatFigure } from '../remark-count.ts';
import { sourceReference } from '../source-footnotes.ts';
import type { Known } from './figure.ts';
import { isoDay, kind } from './figure.ts';
import { CellRuleError } from './runtime.ts';

/** An inline expression in a text node: the code, and where it starts in the node's value. */
export interface InlineExpression {
  /** Index of `$` in the text node's value, and just past the closing `}`. */
  start: number;
  end: number;
  expression: string;
  /** Offset in the whole story of the expression's first character (after `${`); null when it cannot be known. */
  offset: number | null;
}

/**
 * The unescaped `${…}` of a text node. `value` is the node's text, `source`
 * the story's characters it was parsed from, starting at `sourceStart`: the
 * two list `${` in the same order, and the source tells whether a backslash
 * came before. Returns an error message for a `${` never closed.
 */
export function findExpressions(
  value: string,
  source: string,
  sourceStart: number,
): { found: InlineExpression[]; unclosed: number | null } {
  const inSource = [...source.matchAll(/(\\?)\$\{/g)].map((m) => ({
    escaped: m[1] === '\\',
    offset: sourceStart + (m.index ?? 0) + m[0].length,
  }));
  const starts = [...value.matchAll(/\$\{/g)].map((m) => m.index ?? 0);
  const found: InlineExpression[] = [];
  let k = 0;
  while (k < starts.length) {
    const start = starts[k] ?? 0;
    const at = inSource[k];
    k++;
    if (at?.escaped) continue;
    const end = closingBrace(value, start + 2);
    if (end === -1) return { found, unclosed: at?.offset ?? null };
    found.push({ start, end: end + 1, expression: value.slice(start + 2, end), offset: at?.offset ?? null });
    // A `${` inside the expression is part of it.
    while (k < starts.length && (starts[k] ?? 0) < end) k++;
  }
  return { found, unclosed: null };
}

/** Index of the `}` that closes a `${` whose expression starts at `from`, skipping strings and nested braces; -1 when none. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '{') depth++;
    else if (char === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** What an inline value prints as. Throws a CellRuleError for one that cannot be printed. */
export function printValue(value: unknown, known: Known): PhrasingContent[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new CellRuleError(
        `Cannot print ${value} in the text, expected a finite number (a division by zero, or a missing row?)`,
        'cell-value',
      );
    return [{ type: 'text', value: value.toLocaleString('en-US', { maximumFractionDigits: 2 }) }];
  }
  if (typeof value === 'bigint') return [{ type: 'text', value: value.toLocaleString('en-US') }];
  if (typeof value === 'string') return [{ type: 'text', value }];
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const day = isoDay(value as Date);
    return [{ type: 'text', value: /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDay(day) : day }];
  }
  if (Array.isArray(value)) {
    if (value.length === 0)
      throw new CellRuleError(
        'Cannot print an empty list in the text, expected a value or some rows (did a filter match nothing?)',
        'cell-value',
      );
    const printed = value.map((item) => printRow(item, known));
    return printed.flatMap((parts, i) => [
      ...(i === 0 ? [] : [{ type: 'text' as const, value: i === printed.length - 1 ? ' and ' : ', ' }]),
      ...parts,
    ]);
  }
  return printRow(value, known);
}

/** A row of the story: a figure as written, a reaction as its actor and stance, an article as its outlet, each footnoted. */
function printRow(value: unknown, known: Known): PhrasingContent[] {
  const id = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
  const row = typeof id === 'string' ? known.rows.get(id) : undefined;
  if (row && 'measure' in row) {
    const figure: PhrasingContent = {
      type: 'emphasis',
      data: { hName: 'data', hProperties: { value: String(row.value), className: ['figure'] } },
      children: [{ type: 'text', value: formatFigure(row as CasualtyRow) }],
    };
    return [figure, quoteReference(row.id)];
  }
  if (row) {
    const reaction = row as ReactionRow;
    return [
      { type: 'text', value: `${reaction.actor} (${stanceLabel(reaction.stance)})` },
      quoteReference(reaction.id),
    ];
  }
  const article = typeof id === 'string' ? known.articles.get(id) : undefined;
  if (article) return [{ type: 'text', value: article.outlet ?? `“${article.title}”` }, sourceReference(article.id)];
  if (value === undefined || value === null) {
    throw new CellRuleError(
      `Cannot print \`${String(value)}\` in the text, expected a value (a misspelt field, or a row that was not found?)`,
      'cell-value',
    );
  }
  if (
    typeof value === 'object' ||
    typeof value === 'function' ||
    typeof value === 'boolean' ||
    typeof value === 'symbol'
  ) {
    throw new CellRuleError(
      `Cannot print ${kind(value)} in the text, expected a number, text, a date or rows of the story`,
      'cell-value',
    );
  }
  return printValue(value, known);
}
