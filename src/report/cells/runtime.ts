// Where cells run: one node:vm context per build, each cell a vm.Script named
// after the story and offset to where the cell stands in it, so that every
// error V8 reports is at the story's own line and column. The context holds
// the names a cell may use and nothing of Node (no require, process, fetch,
// timers, file access); the clock and unseeded randomness throw; a cell that
// runs longer than a second is stopped. node:vm keeps honest mistakes and
// nondeterminism out of the page; it is not a security boundary.
import vm from 'node:vm';
import type { CodePoint, ParsedCell } from './parse.ts';
import { CellSyntaxError, parseCell } from './parse.ts';
import { closest } from '../../common/suggest.ts';

/** How long a cell, an inline value or the reading of their results may run. */
export const TIME_LIMIT_MS = 1000;

/** Where a piece of code stands in the story. */
export interface Origin {
  /** Line and column (from 1) of the code's first character. */
  line: number;
  column: number;
  /** The column (from 1) lines after the first start at, minus one: a fence's indentation. */
  indent: number;
  /** Characters put before the code to compile it (`(` around an inline expression). */
  prefix: number;
  /** The code's last line, to tell which piece of code a stack frame is in. */
  lastLine: number;
}

/** A problem in a cell, at a place in the story. */
export class CellError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly ruleId: string,
  ) {
    super(message);
  }
}

/** Thrown by the helpers cells call (the clock, Plot, charts); placed at the cell's line that called them. */
export class CellRuleError extends Error {
  constructor(
    message: string,
    readonly ruleId: string,
  ) {
    super(message);
  }
}

const STRICT = '"use strict";';
const CLOCK =
  'Cannot read the clock in a cell: the page must come out the same at every build, expected a fixed date such as `new Date("2022-01-07")`';
const RANDOM =
  'Cannot use unseeded randomness in a cell: the page must come out the same at every build, expected a seeded generator such as `d3.randomLcg(42)`';

/** `Date` as cells see it: any fixed date, never "now". Host dates, so that Plot and d3 take them as dates. */
export class CellDate extends Date {
  constructor(...args: unknown[]) {
    if (args.length === 0) throw new CellRuleError(CLOCK, 'cell-forbidden');
    super(...(args as [string]));
  }

  static override now(): number {
    throw new CellRuleError(CLOCK, 'cell-forbidden');
  }
}

export function noRandom(): number {
  throw new CellRuleError(RANDOM, 'cell-forbidden');
}

/** Names a cell might reach for that a cell cannot have, and why. */
const FORBIDDEN: Record<string, string> = Object.fromEntries([
  ...[
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'Buffer',
    'global',
    'fetch',
    'XMLHttpRequest',
    'WebSocket',
    'localStorage',
    'crypto',
    'performance',
  ].map((name) => [
    name,
    `Cannot use \`${name}\` in a cell: cells cannot read files, the network, the clock or the environment, expected the names in scope (\`casualties\`, \`reactions\`, \`articles\`, \`Plot\`, \`d3\`, \`charts\`)`,
  ]),
  ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame'].map((name) => [
    name,
    `Cannot use \`${name}\` in a cell: cells run once, at build time, expected code that finishes straight away`,
  ]),
  ...['document', 'window'].map((name) => [
    name,
    `Cannot use \`${name}\` in a cell: the page runs no cell code, expected \`Plot.plot({…})\`, which draws at build time`,
  ]),
]);

export class CellRuntime {
  readonly #path: string;
  readonly #context: vm.Context;
  /** Every piece of code run so far, with the script's own text, to map stack frames back to the story. */
  readonly #origins: (Origin & { script: string })[] = [];
  /** Top-level names declared by the cells run so far, and where. */
  readonly #declared = new Map<string, { line: number; column: number }>();
  /** Names every cell of the story declares, for "before the cell that declares it". */
  readonly #everywhere = new Map<string, number>();
  #outputs: unknown[] | null = null;
  #limited: (() => unknown) | null = null;

  /** `path`: the story, as stack frames and messages name it. */
  constructor(path: string, globals: Record<string, unknown>) {
    this.#path = path;
    const display = (value: unknown) => {
      if (this.#outputs === null)
        throw new CellRuleError('Cannot `display` in the text, expected `display(…)` in a cell', 'cell-value');
      this.#outputs.push(value);
    };
    this.#context = vm.createContext(
      { ...globals, display, Date: CellDate },
      { name: 'newsbook cells', codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' },
    );
    const limited = () => this.#limited?.();
    Object.defineProperty(this.#context, '__newsbookLimited', { value: limited, enumerable: false });
    vm.runInContext(PRELUDE, this.#context, { filename: 'newsbook:prelude' });
    (vm.runInContext('Math', this.#context) as { random: () => number }).random = noRandom;
  }

  /** Puts a name in scope for every cell, read-only. */
  define(name: string, value: unknown): void {
    Object.defineProperty(this.#context, name, { value, enumerable: true, writable: false, configurable: false });
  }

  /** Notes every name the story's cells will declare, so that using one too early says where it comes from. */
  expect(name: string, line: number): void {
    if (!this.#everywhere.has(name)) this.#everywhere.set(name, line);
  }

  /** A frozen copy, in the cells' own realm, of plain data (the datasets). */
  adopt(value: unknown): unknown {
    return vm.runInContext(`__newsbookFreeze(JSON.parse(${JSON.stringify(JSON.stringify(value))}))`, this.#context);
  }

  /** Runs a cell: what it displayed, then its value when it ends with an expression. Throws a CellError. */
  runCell(code: string, origin: Origin, parsed: ParsedCell): unknown[] {
    for (const { name, point } of parsed.declarations) {
      const earlier = this.#declared.get(name);
      const at = this.#place(origin, point);
      if (earlier)
        throw new CellError(
          `Cannot declare \`${name}\` again: the cell at line ${earlier.line} declares it, and cells share one scope, expected another name`,
          at.line,
          at.column,
          'cell-redeclared',
        );
      if (name in FORBIDDEN || name === 'display') continue;
      if (this.#isGlobal(name))
        throw new CellError(
          `Cannot declare \`${name}\` in a cell: it is already in scope, expected another name`,
          at.line,
          at.column,
          'cell-redeclared',
        );
    }
    const outputs: unknown[] = [];
    this.#outputs = outputs;
    try {
      const value = this.#run(code, origin);
      if (parsed.endsWithExpression && value !== undefined) outputs.push(value);
    } finally {
      this.#outputs = null;
      for (const { name, point } of parsed.declarations) this.#declared.set(name, this.#place(origin, point));
    }
    return outputs;
  }

  /** The value of an inline `${…}` expression. Throws a CellError. */
  evaluate(expression: string, origin: Origin): unknown {
    try {
      parseCell(`(${expression}\n)`);
    } catch (error) {
      if (error instanceof CellSyntaxError) {
        const at = this.#place(origin, error.point);
        throw new CellError(
          error.message.replace('in a cell', 'in `${…}`').replace('the cell', 'the expression'),
          at.line,
          at.column,
          error.ruleId,
        );
      }
      throw error;
    }
    return this.#run(`(${expression}\n)`, origin);
  }

  /** Runs host code that reads what a cell made (getters, proxies, callbacks) under the same time limit. */
  limited<T>(origin: Origin, fn: () => T): T {
    return this.#guard(origin, () => this.#withTimeout(fn)) as T;
  }

  #withTimeout<T>(fn: () => T): T {
    const outer = this.#limited;
    this.#limited = fn;
    try {
      return vm.runInContext('__newsbookLimited()', this.#context, { timeout: TIME_LIMIT_MS }) as T;
    } finally {
      this.#limited = outer;
    }
  }

  /**
   * Compiles and runs code in strict mode (a write to a frozen row or to an
   * undeclared name throws, as in a module) on the story's lines. V8 leaves
   * columns in stack frames unshifted, so #locate maps them.
   */
  #run(code: string, origin: Origin): unknown {
    const script = new vm.Script(STRICT + code, { filename: this.#path, lineOffset: origin.line - 1, columnOffset: 0 });
    this.#origins.push({ ...origin, prefix: origin.prefix + STRICT.length, script: STRICT + code });
    return this.#guard(origin, () => script.runInContext(this.#context, { timeout: TIME_LIMIT_MS }));
  }

  /** Runs `fn` with the host's own randomness off and deep stacks on; turns what it throws into a CellError. */
  #guard(origin: Origin, fn: () => unknown): unknown {
    const random = Math.random;
    const limit = Error.stackTraceLimit;
    Math.random = noRandom;
    Error.stackTraceLimit = 200;
    try {
      return fn();
    } catch (error) {
      if (error instanceof CellError) throw error;
      throw this.#toCellError(error, origin);
    } finally {
      Math.random = random;
      Error.stackTraceLimit = limit;
    }
  }

  #toCellError(error: unknown, origin: Origin): CellError {
    const { code, name, message, stack } = this.#read(error);
    const unknownName = name === 'ReferenceError' ? /^(\S+) is not defined$/.exec(message)?.[1] : undefined;
    const at = this.#locate(stack, unknownName) ?? { line: origin.line, column: origin.column };
    if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      return new CellError(
        `Cannot finish within ${TIME_LIMIT_MS / 1000} second: the code ran on too long (an endless loop?), expected code that ends`,
        origin.line,
        origin.column,
        'cell-timeout',
      );
    }
    if (error instanceof CellRuleError) return new CellError(error.message, at.line, at.column, error.ruleId);
    const unknown = unknownName;
    if (unknown !== undefined) {
      const forbidden = FORBIDDEN[unknown];
      if (forbidden) return new CellError(forbidden, at.line, at.column, 'cell-forbidden');
      const later = this.#everywhere.get(unknown);
      if (later !== undefined && later > at.line) {
        return new CellError(
          `Cannot use \`${unknown}\` before the cell that declares it (line ${later}), expected it in a later cell or the declaration earlier`,
          at.line,
          at.column,
          'cell-unknown-name',
        );
      }
      const guess = closest(unknown, this.#names());
      return new CellError(
        `Unexpected unknown name \`${unknown}\`, expected a name in scope${guess ? ` (did you mean \`${guess}\`?)` : ''}`,
        at.line,
        at.column,
        'cell-unknown-name',
      );
    }
    if (code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING')
      return new CellError('Cannot import in a cell', at.line, at.column, 'cell-forbidden');
    if (/Code generation from strings disallowed/.test(message)) {
      return new CellError(
        'Cannot run code from a string in a cell (`eval`, `new Function`), expected the code itself',
        at.line,
        at.column,
        'cell-forbidden',
      );
    }
    const frozen = /read only property|not extensible|Cannot (add|delete) property/.test(message)
      ? " (the story's rows cannot be changed: copy one with `{...row}`)"
      : '';
    return new CellError(
      `Cannot run the cell: ${name ? `${name}: ` : ''}${message}${frozen}`,
      at.line,
      at.column,
      'cell-error',
    );
  }

  /** What was thrown, read without trusting it: a cell's own object may have a getter that throws or loops. */
  #read(error: unknown): { code: string; name: string; message: string; stack: string } {
    const read = () => {
      if (error === null || (typeof error !== 'object' && typeof error !== 'function'))
        return { code: '', name: '', message: String(error), stack: '' };
      const e = error as { code?: unknown; name?: unknown; message?: unknown; stack?: unknown };
      return {
        code: String(e.code ?? ''),
        name: String(e.name ?? ''),
        message: String(e.message ?? ''),
        stack: String(e.stack ?? ''),
      };
    };
    // Host errors (Plot, d3, the time limit, the helpers) are plain; anything else is read under the time limit.
    if (error instanceof Error) return read();
    try {
      return this.#withTimeout(read);
    } catch {
      return { code: '', name: '', message: 'a value that cannot be read', stack: '' };
    }
  }

  /**
   * The innermost frame of the story in a stack, as a place in the story.
   * V8 places an unknown name at the start of the expression around it
   * (`(2 * totl)` at the parenthesis); the name itself is looked for from there.
   */
  #locate(stack: string, name?: string): { line: number; column: number } | null {
    const frame = new RegExp(`${this.#path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`, 'g');
    for (const match of stack.matchAll(frame)) {
      let line = Number(match[1]);
      let column = Number(match[2]);
      const origin = this.#origins.findLast((o) => o.line <= line && line <= o.lastLine);
      if (!origin) continue;
      if (name) {
        const lines = origin.script.split('\n');
        const word = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
        for (let i = line - origin.line; i < lines.length; i++) {
          word.lastIndex = i === line - origin.line ? column - 1 : 0;
          const found = word.exec(lines[i] ?? '');
          if (found) {
            line = origin.line + i;
            column = found.index + 1;
            break;
          }
        }
      }
      return {
        line,
        column: line === origin.line ? origin.column + column - 1 - origin.prefix : column + origin.indent,
      };
    }
    return null;
  }

  /** A place in a piece of code, as a place in the story. */
  #place(origin: Origin, point: CodePoint): { line: number; column: number } {
    return point.line === 1
      ? { line: origin.line, column: origin.column + point.column - 1 - origin.prefix }
      : { line: origin.line + point.line - 1, column: origin.indent + point.column };
  }

  #isGlobal(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.#context, name) && !this.#declared.has(name);
  }

  /** Every name a cell can use at this point, for "did you mean". */
  #names(): string[] {
    const own = Object.keys(this.#context).filter((n) => !n.startsWith('__newsbook'));
    return [...new Set([...own, ...this.#declared.keys()])];
  }
}

const PRELUDE = `
Object.defineProperty(globalThis, '__newsbookFreeze', {
  enumerable: false,
  value: function freeze(value) {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
      Object.freeze(value);
      for (const key of Object.keys(value)) freeze(value[key]);
    }
    return value;
  },
});
`;
