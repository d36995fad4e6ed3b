// Reads the YAML front matter of an article (CONTRACT §2) with positions, so a
// bad field is reported at its own line and column, not just "invalid file".
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { VFile } from 'vfile';
import { fail } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { yamlData } from '../common/yaml-data.ts';

export interface Point {
  line: number;
  column: number;
}

export interface SplitArticle {
  /** The YAML between the fences. */
  yaml: string;
  /** 1-based line of the first YAML line in the file. */
  yamlLine: number;
  /** 1-based line of the closing fence: where missing fields are reported. */
  closingLine: number;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*$/;

/** Splits `---\n yaml \n---\n body`, removing the one newline that ends the file; a problem is reported on `file`. */
export function splitFrontMatter(text: string, file: VFile): SplitArticle | VFileMessage {
  const lines = text.split('\n');
  if (!FENCE.test(stripCr(lines[0] ?? ''))) {
    return fail(
      file,
      'Cannot find front matter: expected the file to start with a `---` line',
      { line: 1, column: 1 },
      'front-matter-missing',
    );
  }
  const closing = lines.findIndex((line, i) => i > 0 && FENCE.test(stripCr(line)));
  if (closing === -1) {
    return fail(
      file,
      'Cannot find the closing `---` of the front matter',
      { line: lines.length, column: 1 },
      'front-matter-unclosed',
    );
  }
  const yaml = lines.slice(1, closing).join('\n');
  let body = lines.slice(closing + 1).join('\n');
  if (body.endsWith('\n')) body = body.slice(0, -1);
  return { yaml, yamlLine: 2, closingLine: closing + 1, body, bodyLine: closing + 2 };
}

export interface ParsedYaml {
  data: Record<string, unknown>;
  /** Where each top-level key's value sits, for messages about that field. */
  positions: Map<string, Point>;
  /** Reported on the article's file. */
  problems: VFileMessage[];
}

/** Parses the front matter YAML; positions are file positions (offset by `firstLine`); problems are reported on `file`. */
export function parseFrontMatterYaml(yaml: string, firstLine: number, file: VFile): ParsedYaml {
  return simpleFrontMatter(yaml, firstLine) ?? parseWithYaml(yaml, firstLine, file);
}

// Most front matter is a few `field: value` lines whose values are quoted
// text without escapes, a plain word, a date or `null`. Reading those needs
// none of the YAML parser's work (most of the time it takes to load 10,000
// articles), so they are read here, giving exactly what the parser gives:
// the same values (YAML 1.2 core schema: a plain `null` is null, a plain word
// or date is text), the same positions (each value's first character) and no
// problems. Anything else, comments, escapes, single quotes, blank lines, a
// repeated field, a value that YAML could read as a number, a boolean or
// something else, goes to the parser.
const SIMPLE_LINE =
  /^([a-z_]+): ("[^"\\\u0000-\u001f\u007f-\u009f\ufeff\ufffe\uffff]*"|[A-Za-z][A-Za-z0-9_-]*|\d{4}-\d{2}-\d{2})$/;

function simpleFrontMatter(yaml: string, firstLine: number): ParsedYaml | null {
  if (yaml === '') return null;
  const data: Record<string, unknown> = {};
  const positions = new Map<string, Point>();
  const lines = yaml.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const match = SIMPLE_LINE.exec(lines[i]!);
    if (!match) return null;
    const [, key, raw] = match as unknown as [string, string, string];
    if (Object.hasOwn(data, key) || key === '__proto__') return null;
    let value: unknown;
    if (raw.startsWith('"')) value = raw.slice(1, -1);
    else if (raw === 'null') value = null;
    // Other spellings of null and the booleans are YAML's; a word or a date is text.
    else if (/^(?:null|true|false)$/i.test(raw)) return null;
    else value = raw;
    data[key] = value;
    positions.set(key, { line: firstLine + i, column: key.length + 3 });
  }
  return { data, positions, problems: [] };
}

/** parseFrontMatterYaml always through the YAML parser (what the short way must agree with). */
export function parseWithYaml(yaml: string, firstLine: number, file: VFile): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPoint = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const problems = [...doc.errors, ...doc.warnings].map((error) =>
    fail(
      file,
      `Cannot parse the front matter: ${firstLineOf(error.message)}`,
      toPoint(error.code === 'MISSING_CHAR' ? (unclosedQuote(yaml, error.message) ?? error.pos[0]) : error.pos[0]),
      'front-matter-yaml',
    ),
  );
  const positions = new Map<string, Point>();
  if (problems.length > 0) return { data: {}, positions, problems };
  if (!isMap(doc.contents)) {
    return {
      data: {},
      positions,
      problems: [
        fail(
          file,
          'Unexpected front matter: expected `field: value` lines',
          { line: firstLine, column: 1 },
          'front-matter-yaml',
        ),
      ],
    };
  }
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const node = (isScalar(pair.value) || isMap(pair.value) ? pair.value : pair.key) as {
      range?: [number, number, number];
    };
    const keyNode = pair.key as { range?: [number, number, number] };
    const offset = node.range?.[0] ?? keyNode.range?.[0] ?? 0;
    positions.set(String(pair.key.value), toPoint(offset));
  }
  const read = yamlData(doc);
  if ('message' in read)
    return {
      data: {},
      positions,
      problems: [
        fail(file, `Cannot parse the front matter: ${read.message}`, toPoint(read.offset), 'front-matter-yaml'),
      ],
    };
  return { data: read.data as Record<string, unknown>, positions, problems };
}

/**
 * Where the quote that the YAML parser found unclosed opens: the parser
 * reports it at the end of the front matter, far from the mistake. The first
 * value whose quote does not close on its own line; null when none does.
 */
function unclosedQuote(yaml: string, message: string): number | null {
  const quote = message.includes('"quote') ? '"' : message.includes("'quote") ? "'" : null;
  if (quote === null) return null;
  let offset = 0;
  for (const line of yaml.split('\n')) {
    const value = /^[^#:]*:[ \t]*/.exec(line);
    if (value && line[value[0].length] === quote) {
      const rest = line.slice(value[0].length + 1);
      const closed = quote === '"' ? /^(?:[^"\\]|\\.)*"/.test(rest) : /^(?:[^']|'')*'(?!')/.test(rest);
      if (!closed) return offset + value[0].length;
    }
    offset += line.length + 1;
  }
  return null;
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function firstLineOf(message: string): string {
  return message.split('\n')[0] ?? message;
}
