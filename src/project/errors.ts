// The one error the commands throw on purpose: printed without a stack trace
// (`--debug` shows it), with the messages that explain it.
import type { VFileMessage } from '../common/problems.ts';

export class CliError extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly VFileMessage[] = [],
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
