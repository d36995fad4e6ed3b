// The narrative's footnotes and links that the build does not report. Pure.
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail, warn } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
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
 * a `#fragment` the page does not have, reported on the narrative's `file`
 * (whose value is the Markdown). Pure.
 */
export function checkFootnotesAndLinks(file: VFile, context: NarrativeContext): VFileMessage[] {
  const markdown = String(file.value ?? '');
  const tree = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirective)
    .parse(markdown) as Root;
  return [
    ...unusedFootnotes(tree, file),
    ...undefinedFootnotes(tree, markdown, file),
    ...unknownLinkTargets(tree, file, context),
  ];
}

function unusedFootnotes(tree: Root, file: VFile): VFileMessage[] {
  const diagnostics: VFileMessage[] = [];
  const referenced = new Set<string>();
  visit(tree, 'footnoteReference', (node) => {
    referenced.add(node.identifier);
  });
  visit(tree, 'footnoteDefinition', (node) => {
    if (referenced.has(node.identifier)) return;
    const label = node.label ?? node.identifier;
    const reason = `Unexpected footnote definition \`[^${label}]\` that nothing references: expected \`[^${label}]\` in the text, or remove it`;
    diagnostics.push(warn(file, reason, startOf(node), 'footnote-unused'));
  });
  return diagnostics;
}

// micromark only makes a reference of `[^x]` when `x` is defined: the rest stays text, found here in the source.
function undefinedFootnotes(tree: Root, markdown: string, file: VFile): VFileMessage[] {
  const diagnostics: VFileMessage[] = [];
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
      diagnostics.push(fail(file, reason, place(start + match.index), 'footnote-undefined'));
    }
  });
  return diagnostics;
}

/** In-page links to an article the datasets do not have, or to an id the built page does not have. */
function unknownLinkTargets(tree: Root, file: VFile, context: NarrativeContext): VFileMessage[] {
  const diagnostics: VFileMessage[] = [];
  const pageIds =
    context.html === null ? null : new Set([...context.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  visit(tree, 'link', (node) => {
    if (!node.url.startsWith('#')) return;
    const fragment = decodeURIComponent(node.url.slice(1));
    const where = startOf(node);
    const article = /^(?:article|source)-(.+)$/.exec(fragment)?.[1];
    if (article !== undefined && context.articleIds !== null) {
      if (!context.articleIds.includes(article)) {
        const reason = `Unexpected link to unknown article \`${article}\`, ${expected(article, context.articleIds)}`;
        diagnostics.push(fail(file, reason, where, 'link-unknown-article'));
      }
      return;
    }
    if (pageIds !== null && !pageIds.has(fragment) && !pageIds.has(`user-content-${fragment}`)) {
      const reason = `Unexpected link to \`#${fragment}\`: nothing in the page has that id`;
      diagnostics.push(warn(file, reason, where, 'link-unknown-fragment'));
    }
  });
  return diagnostics;
}

/** Where a node starts (1:1 when it has no position): a message's place, without the node's end. */
function startOf(node: { position?: { start: { line: number; column: number } } | undefined }) {
  return node.position
    ? { line: node.position.start.line, column: node.position.start.column }
    : { line: 1, column: 1 };
}
