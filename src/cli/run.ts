// The top of every command: argument parsing, and errors printed as
// positioned diagnostics without a stack trace (`--debug` shows it).
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { formatDiagnostic, formatSummary } from './diagnostic.ts';
import type { Diagnostic } from './diagnostic.ts';
import { CliError } from './errors.ts';

export interface Console {
  log(line: string): void;
  error(line: string): void;
}

const red = (text: string) => (process.stderr.isTTY ? `\x1b[31m${text}\x1b[39m` : text);

export function printDiagnostics(diagnostics: readonly Diagnostic[], out: Console): void {
  for (const d of diagnostics) (d.severity === 'error' ? out.error : out.log)(formatDiagnostic(d));
  const summary = formatSummary(diagnostics);
  if (summary) out.error(summary);
}

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...options, debug: { type: 'boolean' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const flags = Object.keys(options).map((name) => `--${name}`).join(', ');
    throw new CliError(`${(error as Error).message.split('.')[0]}. Expected: ${flags}`, [], 2);
  }
}

/** Runs a command and exits with its code; never lets a stack trace reach an editor. */
export async function runCommand(command: (argv: string[], out: Console) => Promise<void>): Promise<void> {
  const argv = process.argv.slice(2);
  const out: Console = { log: (line) => console.log(line), error: (line) => console.error(line) };
  try {
    await command(argv, out);
  } catch (error) {
    if (error instanceof CliError) {
      printDiagnostics(error.diagnostics, out);
      out.error(red(`✖ ${error.message}`));
      process.exitCode = error.exitCode;
    } else {
      out.error(red(`✖ Unexpected internal error: ${(error as Error)?.message ?? String(error)}`));
      if (!argv.includes('--debug')) out.error('  (run again with --debug to see where it happened)');
      process.exitCode = 1;
    }
    if (argv.includes('--debug') && error instanceof Error) out.error(error.stack ?? '');
  }
}
