// Words readers see for the datasets' codes, shared by charts, tables and prose.
import type { ArticleRow, Group, Measure, Qualifier } from '../datasets/schema.ts';

export const MEASURE_LABELS: Record<Measure, string> = {
  killed: 'killed',
  injured: 'injured',
  arrested: 'arrested',
  hospitalized: 'in hospital',
};

export const GROUP_LABELS: Record<Group, string> = {
  security_forces: 'security forces',
  protesters: 'protesters',
  civilians: 'civilians',
  all: 'all people',
};

export const QUALIFIER_LABELS: Record<Qualifier, string> = {
  exact: 'exact',
  at_least: 'at least',
  more_than: 'more than',
  about: 'about',
  up_to: 'up to',
  fewer_than: 'fewer than',
  vague: 'vague word',
};

/** "Al Mayadeen English" or "unattributed (003)": an article as a source line names it. */
export function sourceName(article: ArticleRow): string {
  return article.outlet ?? `unattributed (${article.id})`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "6 Jan 2022" from an ISO date, without touching the local time zone. */
export function formatDay(iso: string, withYear = true): string {
  const [year, month, day] = iso.split('-').map(Number);
  const name = MONTHS[(month ?? 1) - 1];
  return withYear ? `${day} ${name} ${year}` : `${day} ${name}`;
}

export function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}
