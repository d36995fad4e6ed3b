// An article file (CONTRACT §2) → its metadata and verbatim body, or positioned
// problems. Pure: the caller reads the bytes.
import { VFile } from 'vfile';
import * as z from 'zod';
import { fail, reportAt } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { articleRowSchema } from '../datasets/schema.ts';
import type { ArticleRow } from '../datasets/schema.ts';
import { parseFrontMatterYaml, splitFrontMatter } from './front-matter.ts';
import type { ParsedYaml } from './front-matter.ts';

export interface Article {
  meta: ArticleRow;
  /** The text exactly as published: every dataset offset counts from its first character. */
  body: string;
  /** 1-based line of the file where the body starts, to turn body offsets into file positions. */
  bodyLine: number;
  path: string;
}

/** An article, or the problems that stop it, reported on a VFile for its path. */
export type ParsedArticle = { article: Article; problems: [] } | { article: null; problems: VFileMessage[] };

// Unknown fields are kept and ignored (CONTRACT §2).
const frontMatterSchema = z.looseObject(articleRowSchema.shape);

/**
 * Decodes bytes as UTF-8, refusing binary files and invalid encodings instead
 * of guessing; an encoding problem points at the first offending byte.
 */
export function decodeArticle(bytes: Uint8Array, path: string): string | VFileMessage {
  // A NUL byte never occurs in text: the whole file is the problem, so 1:1.
  if (bytes.includes(0)) {
    return reportAt(
      path,
      'error',
      'Unexpected binary file (a NUL byte): expected an article as UTF-8 text',
      { line: 1, column: 1 },
      'article-encoding',
    );
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // A BOM sits before the front matter and is not part of the body.
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return reportAt(
      path,
      'error',
      `Unexpected byte 0x${byte}, not UTF-8: expected an article saved as UTF-8 text (re-save it as UTF-8 in the editor)`,
      positionOfByte(bytes, bad),
      'article-encoding',
    );
  }
}

/** Line and column (in characters) of a byte offset, decoding leniently what comes before. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset)).replace(/^\uFEFF/, '');
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const [length, min, max] =
      b < 0x80
        ? [1, 0, 0]
        : b >= 0xc2 && b <= 0xdf
          ? [2, 0x80, 0xbf]
          : b === 0xe0
            ? [3, 0xa0, 0xbf]
            : b === 0xed
              ? [3, 0x80, 0x9f]
              : b >= 0xe1 && b <= 0xef
                ? [3, 0x80, 0xbf]
                : b === 0xf0
                  ? [4, 0x90, 0xbf]
                  : b >= 0xf1 && b <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : b === 0xf4
                      ? [4, 0x80, 0x8f]
                      : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return bytes.length;
}

export function parseArticle(text: string, path: string): ParsedArticle {
  return readArticle(text, path).parsed;
}

/**
 * readArticle of a file's bytes: an encoding problem (decodeArticle) is the
 * article's only problem, and it claims no id.
 */
export function parseArticleBytes(
  bytes: Uint8Array,
  path: string,
): { parsed: ParsedArticle; claimedId: string | null } {
  const text = decodeArticle(bytes, path);
  return typeof text === 'string'
    ? readArticle(text, path)
    : { parsed: { article: null, problems: [text] }, claimedId: null };
}

/**
 * parseArticle, and the `id` the file's front matter claims when it can be
 * read, whatever else is wrong with it (for the duplicate-id message).
 */
export function readArticle(text: string, path: string): { parsed: ParsedArticle; claimedId: string | null } {
  const file = new VFile({ path });
  const split = splitFrontMatter(text, file);
  if ('reason' in split) return { parsed: { article: null, problems: [split] }, claimedId: null };

  const yaml = parseFrontMatterYaml(split.yaml, split.yamlLine, file);
  const id = idOf(yaml);
  if (yaml.problems.length > 0) return { parsed: { article: null, problems: yaml.problems }, claimedId: id };

  const where = (field: string) => yaml.positions.get(field) ?? { line: split.closingLine, column: 1 };
  const result = frontMatterSchema.safeParse(yaml.data);
  const problems: VFileMessage[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      problems.push(fail(file, describeIssue(field, issue, yaml.data), where(field), 'front-matter-field'));
    }
  } else {
    const expectedId = idFromPath(path);
    if (expectedId !== null && result.data.id !== expectedId) {
      const reason = `Unexpected id \`${result.data.id}\`, expected \`${expectedId}\` to match the file name`;
      problems.push(fail(file, reason, where('id'), 'front-matter-id'));
    }
    if (split.body.trim() === '') {
      const reason = 'Unexpected empty body: an article needs its text after the front matter';
      problems.push(fail(file, reason, { line: split.bodyLine, column: 1 }, 'article-empty'));
    }
  }
  if (problems.length > 0 || !result.success) return { parsed: { article: null, problems }, claimedId: id };

  const meta = Object.fromEntries(
    Object.keys(articleRowSchema.shape).map((key) => [key, result.data[key as keyof ArticleRow]]),
  ) as ArticleRow;
  return {
    parsed: { article: { meta, body: split.body, bodyLine: split.bodyLine, path }, problems: [] },
    claimedId: id,
  };
}

function idOf(yaml: ParsedYaml): string | null {
  const id = yaml.data.id;
  return typeof id === 'string' ? id : null;
}

function describeIssue(field: string, issue: z.core.$ZodIssue, data: Record<string, unknown>): string {
  if (!(field in data)) return `Missing field \`${field}\` in the front matter`;
  const value = data[field];
  if (field === 'id' && typeof value === 'number') {
    return `Unexpected id \`${value}\`: write it as a quoted string, e.g. \`id: "${String(value).padStart(3, '0')}"\``;
  }
  return `Unexpected value ${JSON.stringify(value)} for field \`${field}\`: ${issue.message}`;
}

function idFromPath(path: string): string | null {
  const name = path.split(/[\\/]/).pop() ?? '';
  return name.endsWith('.md') ? name.slice(0, -3) : null;
}
