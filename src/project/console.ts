// Where the commands speak: lines for the terminal, injected so that tests
// and the dev server read them.
import { formatProblem, formatSummary } from '../common/problem-lines.ts';
import { isError, severityOf } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';

export interface Console {
  log(line: string): void;
  error(line: string): void;
}

/** Each message on its line, as they come (read once), then the count of errors and warnings. */
export function printDiagnostics(diagnostics: Iterable<VFileMessage>, out: Console): void {
  const counted: VFileMessage[] = [];
  for (const d of diagnostics) {
    (isError(d) ? out.error : out.log)(formatProblem(d));
    if (severityOf(d) !== 'info') counted.push(d);
  }
  const summary = formatSummary(counted);
  if (summary) out.error(summary);
}
