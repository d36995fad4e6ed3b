// An article file (CONTRACT §2) → its metadata and verbatim body, or positioned
// problems. Pure: the caller reads the bytes.
import { z } from 'zod';
import { articleRowSchema } from '../datasets/schema.ts';
import type { ArticleRow } from '../datasets/schema.ts';
import { parseFrontMatterYaml, splitFrontMatter } from './front-matter.ts';
import type { FrontMatterProblem } from './front-matter.ts';

export interface Article {
  meta: ArticleRow;
  /** The text exactly as published: every dataset offset counts from its first character. */
  body: string;
  /** 1-based line of the file where the body starts, to turn body offsets into file positions. */
  bodyLine: number;
  path: string;
}

export type ArticleProblem = FrontMatterProblem;

export type ParsedArticle = { article: Article; problems: [] } | { article: null; problems: ArticleProblem[] };

// Unknown fields are kept and ignored (CONTRACT §2).
const frontMatterSchema = z.looseObject(articleRowSchema.shape);

/** Decodes bytes as UTF-8, refusing binary files and invalid encodings instead of guessing. */
export function decodeArticle(bytes: Uint8Array): string | ArticleProblem {
  if (bytes.includes(0)) {
    return { line: 1, column: 1, reason: 'Unexpected binary file: an article must be UTF-8 text', ruleId: 'article-encoding' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // A BOM sits before the front matter and is not part of the body.
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return { line: 1, column: 1, reason: 'Unexpected encoding: an article must be UTF-8 text', ruleId: 'article-encoding' };
  }
}

export function parseArticle(text: string, path: string): ParsedArticle {
  const split = splitFrontMatter(text);
  if ('reason' in split) return { article: null, problems: [split] };

  const yaml = parseFrontMatterYaml(split.yaml, split.yamlLine);
  if (yaml.problems.length > 0) return { article: null, problems: yaml.problems };

  const where = (field: string) => yaml.positions.get(field) ?? { line: split.closingLine, column: 1 };
  const result = frontMatterSchema.safeParse(yaml.data);
  const problems: ArticleProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      problems.push({ ...where(field), field, reason: describeIssue(field, issue, yaml.data), ruleId: 'front-matter-field' });
    }
  } else {
    const expectedId = idFromPath(path);
    if (expectedId !== null && result.data.id !== expectedId) {
      problems.push({
        ...where('id'),
        field: 'id',
        reason: `Unexpected id \`${result.data.id}\`, expected \`${expectedId}\` to match the file name`,
        ruleId: 'front-matter-id',
      });
    }
    if (split.body.trim() === '') {
      problems.push({ line: split.bodyLine, column: 1, reason: 'Unexpected empty body: an article needs its text after the front matter', ruleId: 'article-empty' });
    }
  }
  if (problems.length > 0 || !result.success) return { article: null, problems };

  const meta = Object.fromEntries(Object.keys(articleRowSchema.shape).map((key) => [key, result.data[key as keyof ArticleRow]])) as ArticleRow;
  return { article: { meta, body: split.body, bodyLine: split.bodyLine, path }, problems: [] };
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
