// Where the commands speak: lines for the terminal, injected so that tests
// and the dev server read them.
import { formatDiagnostic, formatSummary } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';

export interface Console {
  log(line: string): void;
  error(line: string): void;
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], out: Console): void {
  for (const d of diagnostics) (d.severity === 'error' ? out.error : out.log)(formatDiagnostic(d));
  const summary = formatSummary(diagnostics);
  if (summary) out.error(summary);
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
