// The narrative's footnotes and links that the build does not report. Pure.
import type { Root } from 'mdast';
import type { Node } from 'unist';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Diagnostic } from '../project/diagnostic.ts';
import { expected } from '../common/suggest.ts';

export interface NarrativeContext {
  /** Known article ids, or null when the datasets could not be read. */
  articleIds: readonly string[] | null;
  rowIds: readonly string[] | null;
  /** The built page, to check in-page links against its ids; null when it could not be built. */
  html: string | null;
}

/**
 * Footnotes and links the build does not report: GFM references with no
 * definition (left as literal `[^x]` text), definitions never referenced, and
 * links to `#article-<id>` (or `#source-<id>`) naming an unknown article or to
 * a `#fragment` the page does not have. Pure.
 */
export function checkFootnotesAndLinks(markdown: string, path: string, context: NarrativeContext): Diagnostic[] {
  const tree = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirective)
    .parse(markdown) as Root;
  return [
    ...unusedFootnotes(tree, path),
    ...undefinedFootnotes(tree, markdown, path),
    ...unknownLinkTargets(tree, path, context),
  ];
}

/** Where a node starts, or the file's start for one without a position. */
function startOf(node: Node): { line: number; column: number } {
  return node.position
    ? { line: node.position.start.line, column: node.position.start.column }
    : { line: 1, column: 1 };
}

function unusedFootnotes(tree: Root, path: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const referenced = new Set<string>();
  visit(tree, 'footnoteReference', (node) => {
    referenced.add(node.identifier);
  });
  visit(tree, 'footnoteDefinition', (node) => {
    if (referenced.has(node.identifier)) return;
    diagnostics.push({
      path,
      ...startOf(node),
      severity: 'warning',
      reason: `Unexpected footnote definition \`[^${node.label ?? node.identifier}]\` that nothing references: expected \`[^${node.label ?? node.identifier}]\` in the text, or remove it`,
      ruleId: 'footnote-unused',
    });
  });
  return diagnostics;
}

// micromark only makes a reference of `[^x]` when `x` is defined: the rest stays text, found here in the source.
function undefinedFootnotes(tree: Root, markdown: string, path: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const place = (offset: number) => {
    const before = markdown.slice(0, offset);
    return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
  visit(tree, 'text', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    for (const match of markdown.slice(start, end).matchAll(/\[\^([^\]\s]+)\]/g)) {
      const label = match[1]!;
      const source = /^source-(.+)$/.exec(label)?.[1];
      const reason =
        source !== undefined
          ? `Unexpected footnote reference \`[^${label}]\` with no definition: cite an article with \`:cite[${source}]\``
          : `Unexpected footnote reference \`[^${label}]\` with no definition: expected a \`[^${label}]: …\` line with the note`;
      diagnostics.push({
        path,
        ...place(start + match.index),
        severity: 'error',
        reason,
        ruleId: 'footnote-undefined',
      });
    }
  });
  return diagnostics;
}

/** In-page links to an article the datasets do not have, or to an id the built page does not have. */
function unknownLinkTargets(tree: Root, path: string, context: NarrativeContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const pageIds =
    context.html === null ? null : new Set([...context.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  visit(tree, 'link', (node) => {
    if (!node.url.startsWith('#')) return;
    const fragment = decodeURIComponent(node.url.slice(1));
    const where = { path, ...startOf(node) };
    const article = /^(?:article|source)-(.+)$/.exec(fragment)?.[1];
    if (article !== undefined && context.articleIds !== null) {
      if (!context.articleIds.includes(article)) {
        diagnostics.push({
          ...where,
          severity: 'error',
          reason: `Unexpected link to unknown article \`${article}\`, ${expected(article, context.articleIds)}`,
          ruleId: 'link-unknown-article',
        });
      }
      return;
    }
    if (pageIds !== null && !pageIds.has(fragment) && !pageIds.has(`user-content-${fragment}`)) {
      diagnostics.push({
        ...where,
        severity: 'warning',
        reason: `Unexpected link to \`#${fragment}\`: nothing in the page has that id`,
        ruleId: 'link-unknown-fragment',
      });
    }
  });
  return diagnostics;
}
