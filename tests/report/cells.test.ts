// Notebook cells: what a cell sees, what its value becomes on the page, and
// every problem at the story's own line and column.
import { CellCache } from '../../src/report/cells/cache.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartDocument } from '../../src/charts/dom.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { buildReport } from '../../src/report/build.ts';
import { skeleton } from '../../src/project/new-story.ts';
import { FIXTURE } from '../charts/fixtures.ts';

let document: Document;
beforeAll(async () => {
  document = await chartDocument();
}, 30_000);

/** The story's front matter takes lines 1–3 and a blank line; the text given starts on line 5. */
const build = (markdown: string) =>
  buildReport({
    markdown: `---\ntitle: T\n---\n\n${markdown}\n`,
    path: 'report/story.md',
    data: FIXTURE,
    charts: CHARTS,
    document,
  });
const cell = (code: string, meta = '') => `\`\`\`js${meta ? ` ${meta}` : ''}\n${code}\n\`\`\``;
const page = (html: string | null) => new JSDOM(html ?? '').window.document;
const fatal = (file: {
  messages: {
    fatal?: boolean | null | undefined;
    line?: number | undefined;
    column?: number | undefined;
    ruleId?: string | undefined;
    reason: string;
  }[];
}) =>
  file.messages
    .filter((m) => m.fatal)
    .map((m) => ({ line: m.line, column: m.column, ruleId: m.ruleId, reason: m.reason }));

const d3Counts = (values: string[]) => [
  ...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>()),
];

describe('cells: scope and values', () => {
  it('shares top-level declarations across cells and with `${…}` in the text', async () => {
    const { html, file } = await build(
      `${cell('const a = 20;\nlet b = 1;\nfunction twice(x) { return 2 * x; }')}\n\n${cell('const c = twice(a) + b;')}\n\nSum: \${c + 1000}.`,
    );
    expect(fatal(file)).toEqual([]);
    expect(page(html).querySelector('article > p')?.textContent?.trim()).toBe('Sum: 1,041.');
  });

  it('prints numbers in the story format, and a row as its figure with the footnote to its quote', async () => {
    const { html } = await build(`Half: \${1234.567 / 2}; top: \${d3.greatest(casualties, (r) => r.value)}.`);
    const p = page(html).querySelector('article > p');
    expect(p?.textContent?.trim()).toMatch(/^Half: 617\.28; top: more than 3,000\d+\.$/);
    expect(p?.querySelector('data.figure')?.getAttribute('value')).toBe('3000');
    const ref = p?.querySelector('sup a')?.getAttribute('href') ?? '';
    const top = FIXTURE.casualties.find((r) => r.value === 3000);
    expect(ref).toBe(`#fn-q-${top?.id}`);
    expect(page(html).querySelector(ref)?.textContent).toContain('more than 3,000 people were arrested.');
  });

  it('keeps `\\${…}` and `${…}` in code as written', async () => {
    const { html } = await build('Not \\${x} and `${y}`.');
    expect(page(html).querySelector('article > p')?.innerHTML.trim()).toBe('Not ${x} and <code>${y}</code>.');
  });

  it('gives cells frozen copies of the rows', async () => {
    const { file } = await build(cell('const copy = {...casualties[0], value: 1};\ncasualties[0].value = 1;'));
    expect(fatal(file)[0]).toMatchObject({ line: 7, column: 21, ruleId: 'cell-error' });
    expect(fatal(file)[0]?.reason).toContain("the story's rows cannot be changed");
    expect(FIXTURE.casualties[0]?.value).toBe(8);
  });
});

describe('cells: what a value becomes', () => {
  const plotCell = cell(
    'Plot.plot({\n  ariaDescription: "Each figure as a bar.",\n  marginLeft: 60,\n  marks: [Plot.barX(casualties.filter((r) => r.measure === "killed"), {y: "id", x: "value"}), Plot.ruleX([0])],\n})',
    'title="Killed, every figure" caption="From the fixture."',
  );

  it('draws a Plot chart as a figure with the built-in furniture: title, description, both layouts, table, CSV, footnotes', async () => {
    const { html, file } = await build(plotCell);
    expect(fatal(file)).toEqual([]);
    const figure = page(html).querySelector('figure.chart');
    expect(figure?.querySelector('.chart-title')?.textContent?.trim()).toBe('Killed, every figure');
    expect(figure?.querySelector('.chart-summary')?.textContent?.trim()).toBe('Each figure as a bar.');
    const killed = FIXTURE.casualties.filter((r) => r.measure === 'killed');
    const rows = [...(figure?.querySelectorAll('details table tbody tr') ?? [])];
    expect(rows).toHaveLength(killed.length);
    for (const row of rows) expect(row.querySelector('sup a')?.getAttribute('href')).toMatch(/^#fn-q-/);
    expect(figure?.querySelector('a[download]')?.getAttribute('href')).toMatch(/^data:text\/csv/);
    expect(figure?.querySelector('.chart-source')?.textContent?.trim()).toMatch(
      /^From the fixture\. Source: newsbook extraction from article a.*, article b.*, article c/,
    );
    // One rendering on the page, the phone's: 360 px wide, text at 12 px, scaled to the column.
    const svgs = figure?.querySelectorAll('.chart-plot svg') ?? [];
    expect(svgs).toHaveLength(1);
    expect(svgs[0]?.getAttribute('viewBox')).toMatch(/^0 0 360 /);
  });

  it('draws a built-in chart called as a function, from the rows given', async () => {
    const { html, file } = await build(
      cell('charts.casualtyEvolution(casualties.filter((r) => r.article === "a"), {title: "Article a"})'),
    );
    expect(fatal(file)).toEqual([]);
    const figure = page(html).querySelector('figure.chart');
    expect(figure?.querySelector('.chart-title')?.textContent?.trim()).toBe('Article a');
    expect(figure?.querySelector('.chart-source')?.textContent?.trim()).toMatch(/from article a\d*\.$/);
  });

  it('shows rows as a footnoted table when the fence says `table`', async () => {
    const { html } = await build(
      cell(
        'casualties.filter((r) => r.article === "b").map((r) => ({id: r.id, phrase: r.phrase}))',
        'table title="Article b"',
      ),
    );
    const figure = page(html).querySelector('figure.cell-table');
    expect(figure?.querySelector('h3')?.textContent?.trim()).toBe('Article b');
    const rows = [...(figure?.querySelectorAll('tbody tr') ?? [])];
    expect(rows.map((r) => r.querySelector('td')?.textContent?.trim())).toEqual(
      FIXTURE.casualties.filter((r) => r.article === 'b').map((r) => r.id),
    );
    for (const row of rows) expect(row.querySelector('sup a')?.getAttribute('href')).toMatch(/^#fn-q-b-c\d+$/);
  });

  it('shows what `display(…)` is given, in order', async () => {
    const { html, file } = await build(
      cell(
        'display(charts.reactions());\ndisplay(Plot.plot({title: "Two", marks: [Plot.dot(casualties, {x: "value", y: "article"})]}));',
      ),
    );
    expect(fatal(file)).toEqual([]);
    expect([...page(html).querySelectorAll('figure .chart-title')].map((t) => t.textContent?.trim())).toEqual(
      ['Who said what', 'Two'].map((t, i) => (i === 0 ? expect.any(String) : t)),
    );
  });

  it('shows the code only when the fence says `echo`, and the page never holds cell code or a script from it', async () => {
    const { html } = await build(
      `${cell('const shown = 1;', 'echo')}\n\n${cell('const secretName = "not on the page";\nPlot.plot({title: "T", marks: [Plot.dot(casualties, {x: "value", y: "article"})]})')}`,
    );
    expect(page(html).querySelector('pre code.language-js')?.textContent).toBe('const shown = 1;\n');
    expect(html).not.toContain('secretName');
    const { html: plain } = await build('No cells.');
    expect(page(html).querySelectorAll('script')).toHaveLength(page(plain).querySelectorAll('script').length);
    expect(page(html).querySelectorAll('[onload], [onclick], [onerror]')).toHaveLength(0);
  });

  it("honours Plot's options written in a cell (made in another realm) and keeps a legend inside the figure, unnested", async () => {
    const { html } = await build(
      cell(
        'Plot.plot({title: "Sorted", color: {legend: true}, marks: [Plot.barX(casualties, Plot.groupY({x: "count"}, {y: "article", fill: "status", sort: {y: "x", reduce: "sum", reverse: true}}))]})',
      ),
    );
    const figure = page(html).querySelector('figure.chart');
    expect(figure?.querySelectorAll('figure')).toHaveLength(0);
    const narrow = figure?.querySelector('.chart-plot > div > svg[viewBox]');
    const counts = new Map(d3Counts(FIXTURE.casualties.map((r) => r.article)));
    const labels = [...(narrow?.querySelectorAll('g[text-anchor="end"] text') ?? [])]
      .map((t) => t.textContent ?? '')
      .filter((l) => counts.has(l));
    expect(labels.map((l) => counts.get(l))).toEqual([...counts.values()].sort((a, b) => b - a));
  });

  it('builds the same bytes twice', async () => {
    const story = `${plotCell}\n\n${cell('const r = d3.randomLcg(7)();')}\n\nSeeded: \${r}.`;
    const first = await build(story);
    const second = await build(story);
    expect(first.html).not.toBeNull();
    expect(second.html).toBe(first.html);
  });
});

describe('cells: problems at the line and column of the story', () => {
  // The fence is on line 5, so the cell's first line is line 6.
  const forbidden: [string, string, number, number][] = [
    ['require', 'const fs = require("fs");', 6, 12],
    ['import', 'import fs from "fs";', 6, 1],
    ['dynamic import', 'const a = 1;\nconst m = import("fs");', 7, 11],
    ['process', 'const env =\n  process.env;', 7, 3],
    ['fetch', 'fetch("https://example.org");', 6, 1],
    ['Date.now', 'const t = Date.now();', 6, 16],
    ['new Date()', 'const ok = new Date("2022-01-07");\nconst now = new Date();', 7, 13],
    ['Math.random', 'const r = Math.random();', 6, 16],
    ['d3 unseeded', 'const r = d3.randomNormal()();', 6, 28],
    ['eval', 'const x = eval("1");', 6, 11],
  ];
  for (const [name, code, line, column] of forbidden) {
    it(`refuses ${name}`, async () => {
      const { html, file } = await build(cell(code));
      expect(html).toBeNull();
      expect(fatal(file)).toEqual([expect.objectContaining({ line, column, ruleId: 'cell-forbidden' })]);
      expect(fatal(file)[0]?.reason).toMatch(/^Cannot /);
    });
  }

  it('stops an endless loop after about a second, at the cell', async () => {
    const started = performance.now();
    const { file } = await build(`Text.\n\n${cell('let i = 0;\nwhile (true) i++;')}`);
    expect(performance.now() - started).toBeLessThan(2500);
    expect(fatal(file)).toEqual([expect.objectContaining({ line: 8, column: 1, ruleId: 'cell-timeout' })]);
  });

  it('stops an endless loop in code that reads a cell value, and in an inline expression', async () => {
    const { file } = await build(cell('display(Object.defineProperty([{}], "0", {get() { for (;;); }}));', 'table'));
    expect(fatal(file)).toEqual([expect.objectContaining({ line: 6, ruleId: 'cell-timeout' })]);
    const inline = await build('Text ${(() => { for (;;); })()} here.');
    expect(fatal(inline.file)).toEqual([expect.objectContaining({ line: 5, column: 8, ruleId: 'cell-timeout' })]);
  });

  it('reports a syntax error at its exact place', async () => {
    const { file } = await build(`Text.\n\n${cell('const a = 1;\nconst b = (a +;')}`);
    expect(fatal(file)).toEqual([expect.objectContaining({ line: 9, column: 15, ruleId: 'cell-syntax' })]);
  });

  it('reports an unknown name where it is used, with the nearest name in scope', async () => {
    const { file } = await build(
      `${cell('const total = 1;')}\n\n${cell('const n =\n  casualtes.length;')}\n\nAnd \${totl}.`,
    );
    const [message] = fatal(file);
    expect(message).toMatchObject({ line: 11, column: 3, ruleId: 'cell-unknown-name' });
    expect(message?.reason).toContain('did you mean `casualties`?');
    const inline = await build(`${cell('const total = 1;')}\n\nAnd \${2 * totl}.`);
    expect(fatal(inline.file)).toEqual([expect.objectContaining({ line: 9, column: 11, ruleId: 'cell-unknown-name' })]);
    expect(fatal(inline.file)[0]?.reason).toContain('did you mean `total`?');
  });

  it('places an error thrown by a function of an earlier cell, or by Plot, in the story', async () => {
    const { file } = await build(`${cell('function fail() {\n  throw new Error("boom");\n}')}\n\n${cell('fail();')}`);
    expect(fatal(file)).toEqual([
      expect.objectContaining({ line: 7, column: 9, ruleId: 'cell-error', reason: 'Cannot run the cell: Error: boom' }),
    ]);
    const plot = await build(
      cell('const ok = 1;\nPlot.plot({marks: [Plot.dot(casualties, {x: "value", y: "article"})], x: {type: "nope"}})'),
    );
    expect(fatal(plot.file)).toEqual([expect.objectContaining({ line: 7, column: 6, ruleId: 'cell-error' })]);
  });

  it('reports a value that cannot be drawn or printed', async () => {
    const { file } = await build(cell('const x = 1;\nx + 1'));
    expect(fatal(file)).toEqual([expect.objectContaining({ line: 6, column: 1, ruleId: 'cell-value' })]);
    expect(fatal(file)[0]?.reason).toMatch(/^Cannot draw a number in a cell, expected a chart/);
    const inline = await build('Value: ${casualties[0].nope}.');
    expect(fatal(inline.file)).toEqual([expect.objectContaining({ line: 5, column: 10, ruleId: 'cell-value' })]);
    const small = await build(
      cell('Plot.plot({marks: [Plot.text(casualties, {x: "value", y: "article", text: "id", fontSize: 8})]})'),
    );
    expect(fatal(small.file)[0]?.reason).toMatch(/^Unexpected font size of 8 px/);
  });

  it('reports an unknown fence attribute, a redeclaration and a name used before its cell', async () => {
    expect(fatal((await build(cell('1', 'titel="x"'))).file)[0]?.reason).toContain('did you mean `title`?');
    expect(fatal((await build(`${cell('const a = 1;')}\n\n${cell('const a = 2;')}`)).file)).toEqual([
      expect.objectContaining({ line: 10, column: 7, ruleId: 'cell-redeclared' }),
    ]);
    const later = await build(`${cell('const a = b;')}\n\n${cell('const b = 1;')}`);
    expect(fatal(later.file)[0]?.reason).toBe(
      'Cannot use `b` before the cell that declares it (line 10), expected it in a later cell or the declaration earlier',
    );
  });

  it('reports a `${` without its `}`', async () => {
    const { file } = await build('Text ${1 + 2 here.');
    expect(fatal(file)).toEqual([expect.objectContaining({ line: 5, column: 6, ruleId: 'cell-syntax' })]);
  });
});

describe('the README', () => {
  it('builds the worked cells of "Draw your own chart" as three figures, with no problem', async () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const section = /^## Draw your own chart\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
    const { html, file } = await build(section);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([]);
    expect(page(html).querySelectorAll('figure.chart')).toHaveLength(3);
  });

  it("builds a new story's cell, and the README's, with no problem when the articles are numbered as the README has them", async () => {
    // Ids such as "005" look like numbers to Plot, which warns of a band scale drawn from them unless told it is one.
    const numbered = (id: string) => String(FIXTURE.articles.findIndex((a) => a.id === id) + 1).padStart(3, '0');
    const data = {
      ...FIXTURE,
      articles: FIXTURE.articles.map((a) => ({ ...a, id: numbered(a.id) })),
      casualties: FIXTURE.casualties.map((r) => ({ ...r, article: numbered(r.article) })),
      reactions: FIXTURE.reactions.map((r) => ({ ...r, article: numbered(r.article) })),
    };
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const section = /^## Draw your own chart\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
    for (const markdown of [skeleton('T', 'story'), `---\ntitle: T\n---\n\n${section}\n`]) {
      const { file } = await buildReport({ markdown, path: 'report/story.md', data, charts: CHARTS, document });
      expect(file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([]);
    }
  });
});

describe('cells in the live preview', () => {
  const story = (prose: string) =>
    `---\ntitle: T\n---\n\n${prose}\n\n\`\`\`js title="Killed"\nconst killed = casualties.filter((r) => r.measure === "killed");\nPlot.plot({marks: [Plot.barY(killed, {x: "article", y: "value"})]})\n\`\`\`\n\nThe largest: \${d3.max(killed, (r) => r.value)}.\n`;
  const built = (markdown: string, cellCache?: CellCache) =>
    buildReport({
      markdown,
      path: 'report/story.md',
      data: FIXTURE,
      charts: CHARTS,
      document,
      ...(cellCache ? { cellCache } : {}),
    });

  it("reuses the cells' output when only the prose around them changed, giving the page a fresh build gives", async () => {
    let version = 1;
    const cache = new CellCache(() => version);
    await built(story('First words.'), cache);
    const again = await built(story('Other words, one more line.\n\nAnd a paragraph.'), cache);
    expect(cache.hits).toBe(1);
    expect(again.html).toBe((await built(story('Other words, one more line.\n\nAnd a paragraph.'))).html);
    version = 2;
    await built(story('Other words.'), cache);
    expect(cache.hits).toBe(1);
    await built(story('Other words.').replace('"value"', '"low"'), cache);
    expect(cache.hits).toBe(1);
  });
});
