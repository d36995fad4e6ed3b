// The top of every command: its arguments parsed against what it declares
// (with `--help` made from the same declaration), and errors printed as
// positioned diagnostics without a stack trace (`--debug` shows it).
import { parseArgs } from 'node:util';
import { printDiagnostics } from '../project/console.ts';
import type { Console } from '../project/console.ts';
import { CliError } from '../project/errors.ts';
import { closest } from '../common/suggest.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What it is for, in `--help`. */
  help: string;
  /** The value's name in `--help`: `--port N`. */
  value?: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** `npm run <name>` */
  name: string;
  /** One line: what the command does. */
  summary: string;
  /** The positional arguments in `--help` ("[STORY…]"), and what they are; none when absent. */
  positionals?: { usage: string; help: string };
  options: O;
  /** Lines after the options: examples. */
  examples?: readonly string[];
}

export type ParsedOptions<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedArgs<O extends Record<string, OptionSpec>> {
  values: ParsedOptions<O>;
  positionals: string[];
  /** `--help` was asked for: it has been printed, nothing else should run. */
  help: boolean;
}

const COMMON = {
  help: { type: 'boolean', help: 'print this help and stop' },
  debug: { type: 'boolean', help: 'on an unexpected error, print where it happened' },
} as const satisfies Record<string, OptionSpec>;

export function usage<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): string {
  const options = { ...spec.options, ...COMMON } as Record<string, OptionSpec>;
  const flag = (name: string, o: OptionSpec) => `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
  const width = Math.max(
    ...Object.entries(options).map(([name, o]) => flag(name, o).length),
    spec.positionals?.usage.length ?? 0,
  );
  const lines = [
    `Usage: npm run ${spec.name} --${spec.positionals ? ` ${spec.positionals.usage}` : ''} [options]`,
    '',
    spec.summary,
    '',
  ];
  if (spec.positionals) lines.push(`  ${spec.positionals.usage.padEnd(width)}  ${spec.positionals.help}`, '');
  lines.push('Options:');
  for (const [name, o] of Object.entries(options)) lines.push(`  ${flag(name, o).padEnd(width)}  ${o.help}`);
  if (spec.examples?.length) lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

/** The arguments, checked against `spec`; `--help` prints the usage. Throws CliError (exit 2) naming the valid options. */
export function parseCommandArgs<O extends Record<string, OptionSpec>>(
  argv: readonly string[],
  spec: CommandSpec<O>,
  out: Console,
): ParsedArgs<O> {
  const options = { ...spec.options, ...COMMON } as Record<string, OptionSpec>;
  const flags = Object.keys(options).map((name) => `--${name}`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type }])),
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '(-{1,2}[^']*)'/.exec(message)?.[1];
    if (unknown !== undefined) {
      const guess = closest(unknown.replace(/^-+/, ''), Object.keys(options));
      throw new CliError(
        `Unexpected option \`${unknown}\`: expected one of ${flags.join(', ')}${guess ? ` (did you mean \`--${guess}\`?)` : ''}; \`npm run ${spec.name} -- --help\` says more`,
        [],
        2,
      );
    }
    throw new CliError(
      `${message.split('.')[0]}: expected ${flags.join(', ')}; \`npm run ${spec.name} -- --help\` says more`,
      [],
      2,
    );
  }
  const help = parsed.values.help === true;
  if (help) out.log(usage(spec));
  else if (!spec.positionals && parsed.positionals.length > 0) {
    throw new CliError(
      `Unexpected argument \`${parsed.positionals[0]}\`: \`npm run ${spec.name}\` takes only options (${flags.join(', ')})`,
      [],
      2,
    );
  }
  return { values: parsed.values as ParsedOptions<O>, positionals: parsed.positionals, help };
}

const red = (text: string) => (process.stderr.isTTY ? `\x1b[31m${text}\x1b[39m` : text);

/** Runs a command and exits with its code; never lets a stack trace reach an editor. */
export async function runCommand(
  command: (argv: string[], out: Console) => Promise<void>,
  argv: string[] = process.argv.slice(2),
): Promise<void> {
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
