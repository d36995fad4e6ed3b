// Narrative Markdown + datasets → the one self-contained HTML page.
// Pure apart from the DOM the charts are drawn in, which the caller provides.
import { basename } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { ChartData, ChartDefinition } from '../charts/chart.ts';
import { CHARTS } from '../charts/registry.ts';
import { footnoteReference } from './footnote-numbering.ts';
import { findDeepNesting } from './nesting-depth.ts';
import { allDataCsv } from './data-file.ts';
import { renderPage } from './page.ts';
import rehypeHeadings from './rehype-headings.ts';
import remarkCells from './remark-cells.ts';
import type { CellCache } from './cells/cache.ts';
import remarkChart from './remark-chart.ts';
import remarkCite from './remark-cite.ts';
import remarkCount from './remark-count.ts';
import remarkNarrativeMeta from './remark-narrative-meta.ts';
import remarkNoHtml from './remark-no-html.ts';
import remarkNoRemoteImages from './remark-no-remote-images.ts';
import remarkStat from './remark-stat.ts';
import remarkUnknownDirectives from './remark-unknown-directives.ts';
import rehypeFootnotes from './rehype-footnotes.ts';
import rehypeSafeUrls from './rehype-safe-urls.ts';
import rehypeScriptDirection from './rehype-script-direction.ts';
import rehypeNoBidiControls from './rehype-no-bidi-controls.ts';
import remarkQuoteFootnotes from './quote-footnotes.ts';
import remarkSourceFootnotes from './source-footnotes.ts';

export interface ReportInput {
  markdown: string;
  path: string;
  data: ChartData;
  charts: ReadonlyMap<string, ChartDefinition>;
  document: Document;
  /** The gazetteer's actors, which the story's `home` must name; not checked when left out. */
  actors?: readonly string[];
  /** The datasets' datapackage.json, offered with the data; none when left out. */
  dataPackage?: string | null;
  /** The live preview's memory of the cells' last output. */
  cellCache?: CellCache;
}

export interface ReportOutput {
  /** null when the narrative has errors: nothing should be written then. */
  html: string | null;
  file: VFile;
}

export async function buildReport(input: ReportInput): Promise<ReportOutput> {
  const file = new VFile({ path: input.path, value: input.markdown });
  const articleIds = input.data.articles.map((a) => a.id);
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkNarrativeMeta, { actors: input.actors ?? null })
    .use(remarkNoHtml)
    .use(remarkNoRemoteImages)
    .use(remarkChart, { charts: input.charts, data: input.data, document: input.document })
    .use(remarkCite, { articleIds })
    .use(remarkCount, { casualties: input.data.casualties, articleIds })
    .use(remarkStat, { data: input.data })
    // The registry itself, not `input.charts`: the dev server's cache of those keys renders by options alone, and cells pass rows.
    .use(remarkCells, {
      data: input.data,
      document: input.document,
      charts: CHARTS,
      ...(input.cellCache ? { cache: input.cellCache } : {}),
    })
    .use(remarkUnknownDirectives, { known: { chart: '::', cite: ':', count: ':', stat: ':' } })
    .use(remarkQuoteFootnotes, {
      rows: [...input.data.casualties, ...input.data.reactions],
      articles: input.data.articles,
    })
    .use(remarkSourceFootnotes, { articles: input.data.articles })
    .use(remarkRehype, {
      handlers: { footnoteReference },
      footnoteLabel: 'Sources and notes',
      // A visible heading: the notes are a section readers go to (and a printed page ends with).
      footnoteLabelProperties: { className: ['footnotes-title'] },
      // Short ids (`fn-q-002-c3`, `fnref-q-002-c3-2`): said once per mark and back-link, they add up.
      // The narrative cannot hold HTML, so no id of the page can clobber another.
      clobberPrefix: '',
    })
    .use(rehypeFootnotes)
    .use(rehypeHeadings)
    .use(rehypeScriptDirection)
    .use(rehypeSafeUrls)
    .use(rehypeNoBidiControls)
    // End tags HTML leaves optional (`</td>`, `</li>`, `</p>`…) and quotes it does not need go: hundreds of table cells, notes and SVG attributes.
    .use(rehypeStringify, { omitOptionalTags: true, preferUnquoted: true });

  // Refused before parsing: the parser would overflow the stack or take minutes (nesting-depth.ts).
  if (findDeepNesting(file)) return { html: null, file };
  const tree = await processor.run(processor.parse(file), file);
  if (file.messages.some((m) => m.fatal)) return { html: null, file };
  const body = processor.stringify(tree, file);
  const meta = file.data.meta ?? { title: '', description: null, home: null, toc: true };
  const name = basename(input.path).replace(/\.md$/i, '');
  const html = renderPage({
    title: meta.title,
    description: meta.description,
    lastUpdated: newest(input.data.articles.map((a) => a.published)),
    articleCount: input.data.articles.length,
    body,
    data: {
      csv: allDataCsv(input.data),
      filename: `${name}-data.csv`,
      rows: input.data.casualties.length + input.data.reactions.length + input.data.articles.length,
      dataPackage: input.dataPackage ?? null,
    },
  });
  return { html, file };
}

function newest(dates: readonly string[]): string | null {
  return dates.length === 0 ? null : ([...dates].sort().at(-1) ?? null);
}
