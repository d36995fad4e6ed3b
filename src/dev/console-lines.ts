// What the preview says in the terminal: every problem as
// `path:line:column  severity  message  (rule)`, then one line per rebuild
// saying what changed, what was done and how long it took.
import type { Console } from '../project/console.ts';
import { formatProblem } from '../common/problem-lines.ts';
import { isError, severityOf } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import type { Render, Update } from './project.ts';

/** Errors and warnings, one line each. */
export function printProblems(diagnostics: readonly VFileMessage[], log: Console): void {
  for (const d of diagnostics) if (severityOf(d) !== 'info') (isError(d) ? log.error : log.log)(formatProblem(d));
}

export interface RebuildSummary {
  update: Update;
  render: Render | null;
  errors: readonly VFileMessage[];
  /** Whether the page had errors before this save: then a clean build is "fixed". */
  hadErrors: boolean;
  ms: number;
}

export function logRebuild({ update, render, errors, hadErrors, ms }: RebuildSummary, log: Console): void {
  const did: string[] = [];
  if (update.derived.length > 0)
    did.push(
      `re-derived ${list(update.derived, 'article')}${update.cached.length > 0 ? ` (${update.cached.length} from the derive's cache)` : ''}`,
    );
  if (update.reactions.length > 0) did.push(`re-derived the reactions of ${list(update.reactions, 'article')}`);
  if (update.removed.length > 0) did.push(`dropped ${list(update.removed, 'article')}`);
  if (render)
    did.push(
      render.ok
        ? `page rebuilt (charts: ${render.charts.rendered} drawn, ${render.charts.cached} cached)`
        : 'page not rebuilt',
    );
  if (update.reviewed.length > 0) did.push(`re-applied the review to ${list(update.reviewed, 'article')}`);
  const what = `${update.changed.join(', ')} changed`;
  if (errors.length > 0) {
    log.error(
      `✖ ${what} → ${did.join(', ') || 'nothing rebuilt'}: ${errors.length} error${errors.length === 1 ? '' : 's'}, shown over the last good page (${Math.round(ms)} ms)`,
    );
  } else {
    log.log(
      `${hadErrors ? '✔ fixed: ' : '↻ '}${what} → ${did.join(', ') || 'nothing to rebuild'} in ${Math.round(ms)} ms`,
    );
  }
}

function list(ids: readonly string[], word: string): string {
  return `${word}${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;
}
