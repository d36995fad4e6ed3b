// Words readers see for the datasets' codes, shared by charts, tables and prose.
// The measures' and stances' labels are the codebook's (data/codebook.yaml):
// these defaults are the base codebook's, which a test holds equal to the
// file, and `useCodebookLabels` adds a story's own before its page is built.
import type { ArticleRow, Group, Measure, Qualifier, Stance } from '../datasets/schema.ts';

export const MEASURE_LABELS: Record<Measure, string> = {
  killed: 'killed',
  injured: 'injured',
  arrested: 'arrested',
  hospitalized: 'in hospital',
  missing: 'missing',
  displaced: 'displaced',
};

/** The measures the charts show, in order (the codebook's `charts:`); empty: every measure with rows. */
export const CHART_MEASURES: Measure[] = [];

/** A measure's label; a name the codebook does not know is shown as written. */
export function measureLabel(measure: Measure): string {
  return MEASURE_LABELS[measure] ?? measure.replaceAll('_', ' ');
}

/** A stance's label; a name the codebook does not know is shown as written. */
export function stanceLabel(stance: Stance): string {
  return STANCE_LABELS[stance] ?? stance.replaceAll('_', ' ');
}

/** The labels, families and order a codebook gives (a story's measures and stances join the base ones). */
export function useCodebookLabels(codebook: {
  measureEntries: readonly { name: string; label: string }[];
  stanceEntries: readonly { name: string; label: string; family: string }[];
  charts: readonly string[];
}): void {
  for (const m of codebook.measureEntries) MEASURE_LABELS[m.name] = m.label;
  CHART_MEASURES.splice(0, CHART_MEASURES.length, ...codebook.charts);
  for (const s of codebook.stanceEntries) {
    STANCE_LABELS[s.name] = s.label;
    const family = STANCE_GROUPS.find((g) => g.id === s.family) ?? STANCE_GROUPS[1];
    if (!STANCE_GROUPS.some((g) => g.stances.includes(s.name))) family.stances.push(s.name);
  }
  STANCE_ORDER.splice(0, STANCE_ORDER.length, ...STANCE_GROUPS.flatMap((g) => g.stances));
}

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

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Thu 6 Jan" from an ISO date, computed in UTC so the machine's time zone never matters. */
export function formatWeekday(iso: string): string {
  return `${WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()] ?? ''} ${formatDay(iso, false)}`;
}

/** The ISO dates from `first` to `last`, both included. */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** What each stance says, in a few words: column heads, tooltips, tables. */
export const STANCE_LABELS: Record<Stance, string> = {
  sends_troops: 'sends troops',
  withdraws_troops: 'withdraws troops',
  offers_help: 'offers help',
  supports_government: 'backs the government',
  blames_foreign_forces: 'blames outside forces',
  rejects_interference: 'rejects interference',
  expresses_concern: 'voices concern',
  urges_restraint: 'urges restraint',
  urges_dialogue: 'urges dialogue',
  urges_rights: 'urges respect for rights',
  travel_warning: 'travel warning',
  questions_intervention: 'questions the troops',
  criticizes_crackdown: 'criticises the crackdown',
  denies_involvement: 'denies a role',
  expresses_sympathy: 'expresses sympathy',
  sends_aid: 'sends aid',
};

/** Stances in three families, in reading order: backing the authorities, urging restraint, keeping a critical distance. */
export type StanceGroup = 'backing' | 'restraint' | 'critical';

export const STANCE_GROUPS: readonly [
  { id: StanceGroup; label: string; stances: Stance[] },
  { id: StanceGroup; label: string; stances: Stance[] },
  { id: StanceGroup; label: string; stances: Stance[] },
] = [
  {
    id: 'backing',
    label: 'backs the authorities',
    stances: [
      'sends_troops',
      'withdraws_troops',
      'offers_help',
      'sends_aid',
      'supports_government',
      'blames_foreign_forces',
      'rejects_interference',
    ],
  },
  {
    id: 'restraint',
    label: 'concern, calls for restraint',
    stances: [
      'expresses_concern',
      'expresses_sympathy',
      'urges_restraint',
      'urges_dialogue',
      'urges_rights',
      'travel_warning',
    ],
  },
  {
    id: 'critical',
    label: 'criticism, distance',
    stances: ['questions_intervention', 'criticizes_crackdown', 'denies_involvement'],
  },
];

export function stanceGroup(stance: Stance): StanceGroup {
  return STANCE_GROUPS.find((g) => g.stances.includes(stance))?.id ?? 'restraint';
}

/** The order stances are shown in: by family, then as listed. */
export const STANCE_ORDER: Stance[] = STANCE_GROUPS.flatMap((g) => g.stances);
