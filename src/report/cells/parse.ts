// What a cell's code says before it runs, read with acorn: the syntax errors
// at their exact place, the names it declares for later cells, whether it
// ends with an expression (its value), and the one thing a run could not
// stop cleanly (`import(…)`, which would fail outside the cell's scope).
import { parse } from 'acorn';
import type { Node, Program } from 'acorn';

/** A place in the cell's code: line from 1, column from 1. */
export interface CodePoint {
  line: number;
  column: number;
}

export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly point: CodePoint,
    readonly ruleId: string,
  ) {
    super(message);
  }
}

export interface ParsedCell {
  /** Top-level `const`, `let`, `class`, `function` and `var` names, with where each is declared. */
  declarations: { name: string; point: CodePoint }[];
  /** Whether the last statement is an expression, whose value is the cell's value. */
  endsWithExpression: boolean;
}

/** Parses `code` as a script; throws a CellSyntaxError at the exact place of the first problem. */
export function parseCell(code: string): ParsedCell {
  let program: Program;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true, allowHashBang: false });
  } catch (error) {
    const { loc, message } = error as { loc?: { line: number; column: number }; message: string };
    const point = loc ? { line: loc.line, column: loc.column + 1 } : { line: 1, column: 1 };
    const reason = message.replace(/\s*\(\d+:\d+\)$/, '');
    if (/'import' and 'export'|import\.meta/.test(reason))
      throw new CellSyntaxError(IMPORT_MESSAGE, point, 'cell-forbidden');
    throw new CellSyntaxError(
      reason.startsWith('Unexpected')
        ? `${reason} in a cell, expected JavaScript`
        : `Cannot parse the cell: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
      point,
      'cell-syntax',
    );
  }
  const dynamicImport = find(program, (node) => node.type === 'ImportExpression');
  if (dynamicImport) throw new CellSyntaxError(IMPORT_MESSAGE, pointOf(dynamicImport), 'cell-forbidden');

  const declarations: ParsedCell['declarations'] = [];
  for (const statement of program.body) {
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations)
        for (const id of bindingNames(declarator.id)) declarations.push({ name: id.name, point: pointOf(id) });
    } else if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && statement.id) {
      declarations.push({ name: statement.id.name, point: pointOf(statement.id) });
    }
  }
  return { declarations, endsWithExpression: program.body.at(-1)?.type === 'ExpressionStatement' };
}

export const IMPORT_MESSAGE =
  'Cannot import in a cell: cells have no modules, files or network, expected the names in scope (`casualties`, `reactions`, `articles`, `Plot`, `d3`, `charts`)';

function pointOf(node: Node): CodePoint {
  return { line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 };
}

/** The identifiers a binding pattern declares: `a`, `{a, b: [c]}`, `...d`. */
function bindingNames(pattern: Node): (Node & { name: string })[] {
  const node = pattern as Node & Record<string, unknown>;
  switch (node.type) {
    case 'Identifier':
      return [node as unknown as Node & { name: string }];
    case 'ObjectPattern':
      return (node.properties as Node[]).flatMap((p) =>
        bindingNames(
          (p as Node & { value?: Node; argument?: Node }).value ?? (p as Node & { argument: Node }).argument,
        ),
      );
    case 'ArrayPattern':
      return (node.elements as (Node | null)[]).flatMap((e) => (e ? bindingNames(e) : []));
    case 'RestElement':
      return bindingNames(node.argument as Node);
    case 'AssignmentPattern':
      return bindingNames(node.left as Node);
    default:
      return [];
  }
}

/** The first node, depth first, that `test` accepts. */
function find(root: Node, test: (node: Node) => boolean): Node | null {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    } else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') {
      const node = value as Node;
      if (test(node)) return node;
      for (const [key, child] of Object.entries(node))
        if (key !== 'loc' && child && typeof child === 'object') stack.push(child);
    }
  }
  return null;
}
