// What a derive changed, compared with the datasets that were on disk before:
// new, removed and changed figures and reactions by article, and the highest
// figure per measure and group before and after. Rows are matched by what
// they say (article, quote, phrase or actor and stance), never by id, so a
// renumbering is not a change. Pure and deterministic: no clock, sorted output.
import { ARTICLE_FIELDS, CASUALTY_FIELDS, GROUPS, isToll, MEASURES, REACTION_FIELDS } from './schema.ts';
import type { ArticleRow, CasualtyRow, Group, Measure, ReactionRow } from './schema.ts';
import type { Datasets } from './serialize.ts';
import { compare } from '../common/compare.ts';
import { plural } from '../common/plural.ts';
import { thousands } from '../common/thousands.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface RowChange<R> {
  kind: 'new' | 'removed' | 'changed';
  before: R | null;
  after: R | null;
  /** For `changed`: the fields that differ. */
  fields: FieldChange[];
}

export interface ArticleChanges {
  article: string;
  kind: 'new' | 'removed' | 'changed';
  /** Front matter fields that changed (title, published, …). */
  meta: FieldChange[];
  casualties: RowChange<CasualtyRow>[];
  reactions: RowChange<ReactionRow>[];
}

export interface Toll {
  measure: Measure;
  group: Group;
  /** The row with the highest value, retracted figures left out; null when there was none. */
  before: CasualtyRow | null;
  after: CasualtyRow | null;
}

export interface Tally {
  new: number;
  removed: number;
  changed: number;
}

export interface Changes {
  /** False when no datasets were on disk before: everything is new. */
  hadBefore: boolean;
  counts: { before: DatasetCounts; after: DatasetCounts };
  casualties: Tally;
  reactions: Tally;
  articles: ArticleChanges[];
  tolls: Toll[];
}

export interface DatasetCounts {
  articles: number;
  casualties: number;
  reactions: number;
}

type AnyDatasets = Pick<Datasets, 'casualties' | 'reactions' | 'articles'>;

// Fields that say where a row is, not what it says: a shifted offset or a new id is no change.
const CASUALTY_KEY = ['article', 'quote', 'phrase'] as const;
const REACTION_KEY = ['article', 'quote', 'actor', 'stance'] as const;
const POSITION = ['id', 'start', 'end'];
const CASUALTY_COMPARED = CASUALTY_FIELDS.filter(
  (f) => !POSITION.includes(f) && !(CASUALTY_KEY as readonly string[]).includes(f),
);
const REACTION_COMPARED = REACTION_FIELDS.filter(
  (f) => !POSITION.includes(f) && !(REACTION_KEY as readonly string[]).includes(f),
);

export function diffDatasets(before: AnyDatasets | null, after: AnyDatasets): Changes {
  const old = before ?? { casualties: [], reactions: [], articles: [] };
  // Each change list comes grouped by article too: filtering every change per article is quadratic, minutes on a first derive of 10,000 articles.
  const casualties = diffRows(old.casualties, after.casualties, CASUALTY_KEY, CASUALTY_COMPARED);
  const reactions = diffRows(old.reactions, after.reactions, REACTION_KEY, REACTION_COMPARED);
  const oldArticles = new Map(old.articles.map((a) => [a.id, a]));
  const newArticles = new Map(after.articles.map((a) => [a.id, a]));
  const idSet = new Set<string>();
  for (const ids of [oldArticles.keys(), newArticles.keys(), casualties.byArticle.keys(), reactions.byArticle.keys()])
    for (const id of ids) idSet.add(id);
  const ids = [...idSet].sort(compare);
  const articles: ArticleChanges[] = [];
  for (const id of ids) {
    const was = oldArticles.get(id);
    const is = newArticles.get(id);
    const meta = was && is ? diffFields(was, is, ARTICLE_FIELDS) : [];
    const rows = { casualties: casualties.byArticle.get(id) ?? [], reactions: reactions.byArticle.get(id) ?? [] };
    if (meta.length === 0 && rows.casualties.length === 0 && rows.reactions.length === 0 && was && is) continue;
    articles.push({ article: id, kind: !was ? 'new' : !is ? 'removed' : 'changed', meta, ...rows });
  }
  return {
    hadBefore: before !== null,
    counts: { before: countsOf(old), after: countsOf(after) },
    casualties: tally(casualties.changes),
    reactions: tally(reactions.changes),
    articles,
    tolls: tolls(old.casualties, after.casualties),
  };
}

/** One article's side of a change: its front matter row (null when it is not there) and its rows. */
export interface ArticleSide {
  meta: ArticleRow | null;
  casualties: CasualtyRow[];
  reactions: ReactionRow[];
}

/**
 * diffDatasets article by article, for datasets too large to hold at once
 * (the derive streams them, src/project/derive.ts). Rows are matched within
 * their article, so each article's changes are those of the two sides of
 * that article alone; the tolls take, as `highest` does, the first highest
 * row in the datasets' order. Given every article of either side in id
 * order, `finish` is diffDatasets' result, but for one thing: with nothing
 * before (`hadBefore` false) it lists no article (everything is new; neither
 * CHANGES.md nor the summary lists them), so a first derive holds no row.
 */
export class ChangesBuilder {
  readonly #articles: ArticleChanges[] = [];
  readonly #casualties: Tally = { new: 0, removed: 0, changed: 0 };
  readonly #reactions: Tally = { new: 0, removed: 0, changed: 0 };
  readonly #counts = {
    before: { articles: 0, casualties: 0, reactions: 0 },
    after: { articles: 0, casualties: 0, reactions: 0 },
  };
  readonly #highest = {
    before: new Map<string, Map<string, CasualtyRow>>(),
    after: new Map<string, Map<string, CasualtyRow>>(),
  };
  #last: string | null = null;
  /** The measures and groups of the tolls given by `seed` (see considerRows). */
  #seeded: Set<string> | undefined;

  constructor(readonly hadBefore: boolean) {}

  /**
   * The tolls of the datasets before, given before any article: of each
   * measure and group, the first highest row of all their articles (the last
   * derive chose them: reuse.ts). Then the articles whose two sides are the
   * same need not give their candidates (`same` with none), provided each of
   * these tolls is of such an article: they are the highest of those
   * articles, on either side. A row of another article that ties one takes
   * its place when its article comes first, as it would have, seen first.
   */
  seed(tolls: readonly CasualtyRow[]): void {
    if (this.#last !== null) throw new Error('ChangesBuilder: tolls are seeded before any article');
    this.#seeded = new Set(tolls.map(tollKey));
    for (const side of ['before', 'after'] as const) considerRows(this.#highest[side], tolls);
  }

  /** An article whose two sides are the very same rows: counted, its candidates for the tolls (see `tollCandidates`) on both sides. */
  same(id: string, counts: DatasetCounts, candidates: readonly CasualtyRow[]): void {
    this.#order(id);
    for (const side of ['before', 'after'] as const) {
      addCounts(this.#counts[side], counts);
      considerRows(this.#highest[side], candidates, this.#seeded);
    }
  }

  /** An article when nothing was there before (`hadBefore` false): all its rows are new. */
  added(id: string, counts: DatasetCounts, candidates: readonly CasualtyRow[]): void {
    this.#order(id);
    addCounts(this.#counts.after, counts);
    considerRows(this.#highest.after, candidates, this.#seeded);
    this.#casualties.new += counts.casualties;
    this.#reactions.new += counts.reactions;
  }

  /** An article as it was and as it is (an empty side when it was not there, or is gone). */
  article(id: string, before: ArticleSide, after: ArticleSide): void {
    this.#order(id);
    const sides = { before, after };
    for (const side of ['before', 'after'] as const) {
      const { meta, casualties, reactions } = sides[side];
      addCounts(this.#counts[side], {
        articles: meta ? 1 : 0,
        casualties: casualties.length,
        reactions: reactions.length,
      });
      considerRows(this.#highest[side], casualties, this.#seeded);
    }
    const subset = (side: ArticleSide) => ({
      articles: side.meta ? [side.meta] : [],
      casualties: side.casualties,
      reactions: side.reactions,
    });
    const diff = diffDatasets(this.hadBefore ? subset(before) : null, subset(after));
    for (const kind of ['new', 'removed', 'changed'] as const) {
      this.#casualties[kind] += diff.casualties[kind];
      this.#reactions[kind] += diff.reactions[kind];
    }
    if (this.hadBefore) for (const change of diff.articles) this.#articles.push(change);
  }

  /** Each toll's row replaced by what `row` gives for it (rows that stood in for others: project/reuse.ts). */
  async replaceTollRows(row: (r: CasualtyRow) => Promise<CasualtyRow>): Promise<void> {
    for (const side of [this.#highest.before, this.#highest.after])
      for (const byGroup of side.values()) for (const [group, r] of byGroup) byGroup.set(group, await row(r));
  }

  finish(): Changes {
    const tollsOf = (side: 'before' | 'after') => this.#highest[side];
    const result: Toll[] = [];
    for (const measure of MEASURES) {
      for (const group of GROUPS) {
        const toll = {
          measure,
          group,
          before: tollsOf('before').get(measure)?.get(group) ?? null,
          after: tollsOf('after').get(measure)?.get(group) ?? null,
        };
        if (toll.before || toll.after) result.push(toll);
      }
    }
    return {
      hadBefore: this.hadBefore,
      counts: this.#counts,
      casualties: this.#casualties,
      reactions: this.#reactions,
      articles: this.#articles,
      tolls: result,
    };
  }

  #order(id: string): void {
    if (this.#last !== null && compare(this.#last, id) >= 0)
      throw new Error(`ChangesBuilder: article ${id} after ${this.#last}; expected each article once, in id order`);
    this.#last = id;
  }
}

/** The rows of an article that can make a toll: for each measure and group, its first highest (retracted figures left out). */
export function tollCandidates(rows: readonly CasualtyRow[]): CasualtyRow[] {
  return [...highest(rows).values()].flatMap((byGroup) => [...byGroup.values()]);
}

/** A toll's measure and group, as one key (of the tolls seeded). */
function tollKey(r: CasualtyRow): string {
  return `${r.measure}\u0000${r.group}`;
}

/**
 * Each row that beats the highest of its measure and group so far: the first
 * highest, the rows coming in the datasets' order. Where a toll was seeded
 * (`seeded`: ChangesBuilder.seed), not seen in that order, a row that ties
 * the highest also takes its place when its article comes first (of a row
 * seen in order, none does).
 */
function considerRows(
  best: Map<string, Map<string, CasualtyRow>>,
  rows: readonly CasualtyRow[],
  seeded?: Set<string>,
): void {
  for (const r of rows) {
    if (!isToll(r.status)) continue;
    let byGroup = best.get(r.measure);
    if (!byGroup) best.set(r.measure, (byGroup = new Map()));
    const b = byGroup.get(r.group);
    const tie = b !== undefined && r.value === b.value && seeded?.has(tollKey(r)) === true;
    if (b === undefined || r.value > b.value || (tie && compare(r.article, b.article) < 0)) byGroup.set(r.group, r);
  }
}

function addCounts(to: DatasetCounts, counts: DatasetCounts): void {
  to.articles += counts.articles;
  to.casualties += counts.casualties;
  to.reactions += counts.reactions;
}

interface RowGroup<R> {
  /** The article of its rows (the first field of every key). */
  article: string;
  before: R[];
  after: R[];
}

/** The changes between two versions of a dataset: in article order, then in the order of the text; and the same, by article. */
function diffRows<R extends CasualtyRow | ReactionRow>(
  before: readonly R[],
  after: readonly R[],
  key: readonly string[],
  compared: readonly string[],
): { changes: RowChange<R>[]; byArticle: Map<string, RowChange<R>[]> } {
  // Groups by key, in the order they are first met: nested maps of the key's values (see `keyValue`).
  const groups: RowGroup<R>[] = [];
  const root = new Map<unknown, unknown>();
  const group = (row: R) => {
    let map = root;
    for (let i = 0; i < key.length - 1; i += 1) {
      const k = keyValue((row as Record<string, unknown>)[key[i]!]);
      let next = map.get(k) as Map<unknown, unknown> | undefined;
      if (!next) map.set(k, (next = new Map()));
      map = next;
    }
    const k = keyValue((row as Record<string, unknown>)[key[key.length - 1]!]);
    let g = map.get(k) as RowGroup<R> | undefined;
    if (!g) {
      map.set(k, (g = { article: row.article, before: [], after: [] }));
      groups.push(g);
    }
    return g;
  };
  for (const row of before) group(row).before.push(row);
  for (const row of after) group(row).after.push(row);
  const byArticle = new Map<string, RowChange<R>[]>();
  for (const { article, before: was, after: is } of groups) {
    let list = byArticle.get(article);
    if (!list) byArticle.set(article, (list = []));
    if (was.length === 0 || is.length === 0) {
      // Nothing to pair: all new, or all removed.
      for (const row of is) list.push({ kind: 'new', before: null, after: row, fields: [] });
      for (const row of was) list.push({ kind: 'removed', before: row, after: null, fields: [] });
      continue;
    }
    // Identical rows first (the same figure stated twice in one sentence), then pair the rest in text order.
    const left = [...was];
    const right: R[] = [];
    for (const row of is) {
      const same = left.findIndex((old) => sameFields(old, row, compared));
      if (same === -1) right.push(row);
      else left.splice(same, 1);
    }
    const paired = Math.min(left.length, right.length);
    for (let i = 0; i < paired; i++)
      list.push({
        kind: 'changed',
        before: left[i]!,
        after: right[i]!,
        fields: diffFields(left[i]!, right[i]!, compared),
      });
    for (const row of left.slice(paired)) list.push({ kind: 'removed', before: row, after: null, fields: [] });
    for (const row of right.slice(paired)) list.push({ kind: 'new', before: null, after: row, fields: [] });
  }
  // Each article's changes sorted apart: a stable sort, as of the whole list by article, then position and kind.
  const changes: RowChange<R>[] = [];
  const sorted = new Map<string, RowChange<R>[]>();
  for (const id of [...byArticle.keys()].sort(compare)) {
    const list = byArticle.get(id)!;
    if (list.length === 0) continue;
    if (list.length > 1) list.sort((a, b) => rowOf(a).start - rowOf(b).start || order(a.kind) - order(b.kind));
    sorted.set(id, list);
    for (const change of list) changes.push(change);
  }
  return { changes, byArticle: sorted };
}

/**
 * A value of a row's key as a map key: rows match when their key values are
 * equal as JSON, as they always have. A string is itself (unless it starts
 * with NUL); anything else, NUL and its JSON in a list (undefined reads as null there).
 */
function keyValue(value: unknown): unknown {
  return typeof value === 'string' && value.charCodeAt(0) !== 0 ? value : `\u0000${JSON.stringify([value])}`;
}

function diffFields<T extends object>(before: T, after: T, fields: readonly string[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const was = (before as Record<string, unknown>)[field] ?? null;
    const is = (after as Record<string, unknown>)[field] ?? null;
    // A dataset written before `reviewed` existed had no reviewed rows.
    if (field === 'reviewed' && (was ?? false) === (is ?? false)) continue;
    if (was !== is) changes.push({ field, before: was, after: is });
  }
  return changes;
}

/** diffFields(before, after, fields).length === 0, without making the list. */
function sameFields<T extends object>(before: T, after: T, fields: readonly string[]): boolean {
  for (const field of fields) {
    const was = (before as Record<string, unknown>)[field] ?? null;
    const is = (after as Record<string, unknown>)[field] ?? null;
    if (field === 'reviewed' && (was ?? false) === (is ?? false)) continue;
    if (was !== is) return false;
  }
  return true;
}

function tolls(before: readonly CasualtyRow[], after: readonly CasualtyRow[]): Toll[] {
  const highestBefore = highest(before);
  const highestAfter = highest(after);
  const result: Toll[] = [];
  // The base measures in their order, then a story's own as its rows give them.
  for (const measure of new Set([...MEASURES, ...highestBefore.keys(), ...highestAfter.keys()])) {
    for (const group of GROUPS) {
      const toll = {
        measure,
        group,
        before: highestBefore.get(measure)?.get(group) ?? null,
        after: highestAfter.get(measure)?.get(group) ?? null,
      };
      if (toll.before || toll.after) result.push(toll);
    }
  }
  return result;
}

/** For each measure and group, the first row with the highest value, retracted and projected figures left out; in one pass. */
function highest(rows: readonly CasualtyRow[]): Map<string, Map<string, CasualtyRow>> {
  const best = new Map<string, Map<string, CasualtyRow>>();
  considerRows(best, rows);
  return best;
}

function tally(changes: readonly RowChange<unknown>[]): Tally {
  const t: Tally = { new: 0, removed: 0, changed: 0 };
  for (const c of changes) t[c.kind] += 1;
  return t;
}

function countsOf(d: AnyDatasets): DatasetCounts {
  return { articles: d.articles.length, casualties: d.casualties.length, reactions: d.reactions.length };
}

function rowOf<R>(change: RowChange<R>): R {
  return (change.after ?? change.before)!;
}

function order(kind: RowChange<unknown>['kind']): number {
  return kind === 'removed' ? 0 : kind === 'changed' ? 1 : 2;
}

// ------------------------------------------------------------------ formatting

/** Whether the derive changed anything at all. */
export function hasChanges(changes: Changes): boolean {
  return changes.articles.length > 0;
}

/** CHANGES.md: the summary, the tolls, then every change by article. */
export function formatChangesMarkdown(changes: Changes): string {
  const { before, after } = changes.counts;
  const lines = ['# What changed in the datasets', ''];
  if (!changes.hadBefore) {
    lines.push(
      `No datasets were on disk before this derive: all ${plural(after.casualties, 'figure')} and ${plural(after.reactions, 'reaction')} from ${plural(after.articles, 'article')} are new.`,
      '',
    );
  } else {
    lines.push(
      `Compared with the datasets that were on disk before this derive: ${arrow(before.articles, after.articles)} articles, ${arrow(before.casualties, after.casualties)} casualty figures, ${arrow(before.reactions, after.reactions)} reactions.`,
      '',
      hasChanges(changes)
        ? `- Figures: ${describeTally(changes.casualties)}.\n- Reactions: ${describeTally(changes.reactions)}.`
        : 'Nothing changed.',
      '',
    );
  }
  lines.push(
    '## Tolls',
    '',
    'The highest figure reported for each measure and group (retracted and projected figures left out), as the datasets stood before and stand now.',
    '',
  );
  lines.push('| measure | group | before | now | change |', '| --- | --- | --- | --- | --- |');
  for (const toll of changes.tolls) {
    lines.push(
      `| ${toll.measure} | ${toll.group} | ${tollCell(toll.before)} | ${tollCell(toll.after)} | ${tollChange(toll)} |`,
    );
  }
  lines.push('');
  if (changes.hadBefore && hasChanges(changes)) {
    lines.push('## By article', '');
    for (const article of changes.articles) {
      lines.push(`### Article ${article.article}${article.kind === 'changed' ? '' : ` (${article.kind})`}`, '');
      for (const field of article.meta)
        lines.push(`- front matter \`${field.field}\`: ${value(field.before)} → ${value(field.after)}`);
      for (const change of article.casualties)
        lines.push(...bullet(describeCasualtyChange(change), rowOf(change).quote, rowOf(change).phrase));
      for (const change of article.reactions)
        lines.push(...bullet(describeReactionChange(change), rowOf(change).quote, null));
      lines.push('');
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** The lines a derive prints: the tally, the tolls that moved, then the changes by article, at most `limit` of them. */
export function formatChangesSummary(changes: Changes, limit = 20): string[] {
  if (!changes.hadBefore)
    return [
      `All ${plural(changes.counts.after.casualties, 'figure')} and ${plural(changes.counts.after.reactions, 'reaction')} are new (no datasets before)`,
    ];
  if (!hasChanges(changes)) return ['No change in the figures or reactions since the previous derive'];
  const lines = [
    `Changed since the previous derive: figures ${describeTally(changes.casualties)}; reactions ${describeTally(changes.reactions)}`,
  ];
  for (const toll of changes.tolls) {
    if (tollChange(toll) !== '—')
      lines.push(`  toll ${toll.measure}/${toll.group}: ${tollCell(toll.before)} → ${tollCell(toll.after)}`);
  }
  const details: string[] = [];
  for (const article of changes.articles) {
    // A whole article come or gone is one line here; CHANGES.md lists its rows.
    if (article.kind !== 'changed') {
      details.push(
        `  ${article.article}  article ${article.kind}: ${plural(article.casualties.length, 'figure')}, ${plural(article.reactions.length, 'reaction')}`,
      );
      continue;
    }
    for (const field of article.meta)
      details.push(
        `  ${article.article}  front matter \`${field.field}\`: ${value(field.before)} → ${value(field.after)}`,
      );
    for (const change of article.casualties) details.push(`  ${article.article}  ${describeCasualtyChange(change)}`);
    for (const change of article.reactions) details.push(`  ${article.article}  ${describeReactionChange(change)}`);
  }
  lines.push(...details.slice(0, limit));
  if (details.length > limit) lines.push(`  … and ${thousands(details.length - limit)} more`);
  return lines;
}

function describeCasualtyChange(change: RowChange<CasualtyRow>): string {
  const row = rowOf(change);
  const what = `figure ${row.id} ${row.measure}/${row.group} ${thousands(row.value)} (${row.qualifier}, “${row.phrase}”)`;
  if (change.kind !== 'changed') return `${change.kind} ${what}`;
  return `changed figure ${row.id} “${row.phrase}”: ${change.fields.map(describeField).join(', ')}`;
}

function describeReactionChange(change: RowChange<ReactionRow>): string {
  const row = rowOf(change);
  const what = `reaction ${row.id} ${row.actor} ${row.stance}`;
  if (change.kind !== 'changed') return `${change.kind} ${what}`;
  return `changed ${what}: ${change.fields.map(describeField).join(', ')}`;
}

function describeField(field: FieldChange): string {
  return `${field.field} ${value(field.before)} → ${value(field.after)}`;
}

function bullet(text: string, quote: string, phrase: string | null): string[] {
  return [`- ${text}`, `  > ${excerpt(quote, phrase)}`];
}

/** At most 200 characters of the sentence, around the phrase when there is one. */
function excerpt(quote: string, phrase: string | null, max = 200): string {
  const flat = quote.replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  const at = phrase ? Math.max(0, flat.indexOf(phrase)) : 0;
  const start = Math.max(0, Math.min(at - Math.floor(max / 3), flat.length - max));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + max).trim()}${start + max < flat.length ? '…' : ''}`;
}

function tollCell(row: CasualtyRow | null): string {
  return row ? `${thousands(row.value)} (“${row.phrase.replaceAll('|', '\\|')}”, ${row.id})` : '—';
}

function tollChange(toll: Toll): string {
  const was = toll.before?.value ?? null;
  const is = toll.after?.value ?? null;
  if (was === is) return '—';
  if (was === null) return 'new';
  if (is === null) return 'gone';
  const delta = is - was;
  return `${delta > 0 ? '+' : '−'}${thousands(Math.abs(delta))}`;
}

function describeTally(t: Tally): string {
  if (t.new + t.removed + t.changed === 0) return 'no change';
  return `${thousands(t.new)} new, ${thousands(t.removed)} removed, ${thousands(t.changed)} changed`;
}

/** A count before and after. */
function arrow(before: number, after: number): string {
  return before === after ? thousands(after) : `${thousands(before)} → ${thousands(after)}`;
}

function value(v: unknown): string {
  return v === null ? 'null' : typeof v === 'string' ? `\`${v}\`` : String(v);
}
