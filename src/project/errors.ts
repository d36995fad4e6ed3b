// The one error the commands throw on purpose: printed without a stack trace
// (`--debug` shows it), with the diagnostics that explain it.
import type { Diagnostic } from './diagnostic.ts';

export class CliError extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
