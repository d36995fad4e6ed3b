// Where the commands speak: lines for the terminal, injected so that tests
// and the dev server read them.
import { formatProblem, formatSummary } from '../common/problem-lines.ts';
import { isError } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';

export interface Console {
  log(line: string): void;
  error(line: string): void;
}

export function printDiagnostics(diagnostics: readonly VFileMessage[], out: Console): void {
  for (const d of diagnostics) (isError(d) ? out.error : out.log)(formatProblem(d));
  const summary = formatSummary(diagnostics);
  if (summary) out.error(summary);
}
