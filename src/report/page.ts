// The HTML shell around the rendered narrative: one file, nothing loaded from
// outside, and a Content Security Policy that forbids any network access.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { formatDay } from '../charts/labels.ts';
import { FOOTNOTE_PREVIEW_SCRIPT } from './footnote-preview.ts';
import { STYLES } from './styles.ts';

export interface PageInput {
  title: string;
  description: string | null;
  /** The newest article's date: "last updated" comes from the data, never the clock. */
  lastUpdated: string | null;
  articleCount: number;
  body: string;
  /** All the story's data as one CSV file, and the name it downloads as; null for none. */
  data: { csv: string; filename: string; rows: number; dataPackage?: string | null } | null;
}

const SCRIPTS = [FOOTNOTE_PREVIEW_SCRIPT];

/**
 * No network at all; styles inline; scripts only those whose hashes are listed,
 * so a script smuggled into an article or the narrative can never run.
 */
export const CSP = [
  "default-src 'none'",
  `script-src ${SCRIPTS.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`).join(' ')}`,
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The doctype and head every page of ours opens with: no network (CSP), the one stylesheet (and `extraStyles`). */
export function documentHead(title: string, description: string | null, extraStyles = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${escapeHtml(title)}</title>
${description ? `<meta name="description" content="${escapeHtml(description)}">\n` : ''}<style>${STYLES}${extraStyles}</style>
</head>`;
}

export function renderPage(page: PageInput): string {
  const updated = page.lastUpdated
    ? `<p class="updated">Last updated <time datetime="${page.lastUpdated}">${formatDay(page.lastUpdated)}</time>, from ${page.articleCount} source article${page.articleCount === 1 ? '' : 's'}.</p>`
    : '';
  return `${documentHead(page.title, page.description)}
<body>
<main>
<article>
<header>
<h1>${escapeHtml(page.title)}</h1>
${page.description ? `<p class="dek">${escapeHtml(page.description)}</p>\n` : ''}${updated}
</header>
${page.body}
${colophon(page)}
</article>
</main>
${SCRIPTS.map((script) => `<script>${script}</script>`).join('\n')}
</body>
</html>
`;
}

/**
 * How to cite the page, and all its data in one download. The CSV (every
 * row with its quote) is most of a page's weight as text, so it travels
 * gzipped: with script, the link unpacks it in the browser and saves the
 * `.csv`; without, it saves the `.csv.gz`, which any archive tool opens.
 */
function colophon(page: PageInput): string {
  const updated = page.lastUpdated ? `, last updated ${formatDay(page.lastUpdated)}` : '';
  const cite = `<p class="cite"><strong>How to cite this page:</strong> “${escapeHtml(page.title)}”, a newsbook explainer${updated}, from ${page.articleCount} source article${page.articleCount === 1 ? '' : 's'}.</p>`;
  const link = (content: string, filename: string, text: string) =>
    `<a href="data:application/gzip;base64,${gzipSync(Buffer.from(content, 'utf8'), { level: 9 }).toString('base64')}" download="${escapeHtml(filename)}.gz" data-save="${escapeHtml(filename)}">${text}</a>`;
  // The data package says what each column means, its type and its values: whoever takes the data gets its description.
  const packaged = page.data?.dataPackage ? pagePackage(page.data.dataPackage) : null;
  const described = packaged ? ` ${link(packaged, 'datapackage.json', 'What the columns mean')}.` : '';
  const data = page.data
    ? `\n<p class="all-data">${link(page.data.csv, page.data.filename, `Download all the data (CSV, ${page.data.rows} rows)`)}: every figure, reaction and article behind this page, with its quote.${described}</p>`
    : '';
  return `<footer class="colophon" id="cite">\n${cite}${data}\n</footer>`;
}

/**
 * The data package as the page offers it, beside the one CSV of all the data:
 * the same JSON without its indentation, its description (the page's own
 * heading gives it) and its list of sources (the CSV's article rows give
 * them). The page stays small.
 */
function pagePackage(json: string): string {
  const { sources: _sources, description: _description, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify(rest);
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
