// Where the commands speak: lines for the terminal, injected so that tests
// and the dev server read them.
import { plural } from '../common/plural.ts';
import { formatProblem, formatSummary } from '../common/problem-lines.ts';
import { isError, severityOf } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';

export interface Console {
  log(line: string): void;
  error(line: string): void;
}

export interface NoteLimit {
  /** Notes (info messages) printed at most; errors and warnings are always printed. */
  notes: number;
  /** How to list them all, for the line that counts those left out. */
  toListAll: string;
}

/**
 * Each message on its line, as they come (read once), then the count of
 * errors and warnings. With a `limit`, notes beyond it are counted, not
 * printed: a derive of thousands of articles has tens of thousands of them
 * (each "stance cue … has no actor"): the first ones say what they are,
 * all of them would bury its warnings and its summary (and take seconds to
 * scroll by).
 */
export function printDiagnostics(
  diagnostics: Iterable<VFileMessage>,
  out: Console,
  limit: NoteLimit | null = null,
): void {
  const counted: VFileMessage[] = [];
  let notes = 0;
  for (const d of diagnostics) {
    const note = severityOf(d) === 'info';
    if (note && limit && (notes += 1) > limit.notes) continue;
    (isError(d) ? out.error : out.log)(formatProblem(d));
    if (!note) counted.push(d);
  }
  if (limit && notes > limit.notes)
    out.log(
      `ℹ ${plural(notes - limit.notes, 'more note')} not shown (${plural(notes, 'note')} in all); ${limit.toListAll}`,
    );
  const summary = formatSummary(counted);
  if (summary) out.error(summary);
}
