import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExplainer, readChartData } from '../../src/project/report.ts';
import { PATHS, storyConfig } from '../story.ts';
import { chartDocument } from '../../src/charts/dom.ts';
import type { ChartData } from '../../src/charts/chart.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { buildReport } from '../../src/report/build.ts';
import { ChartCache } from '../../src/dev/chart-cache.ts';
import { chartFigure } from '../../src/report/chart-figure.ts';

let html: string;
let data: ChartData;

beforeAll(async () => {
  ({ html } = await buildExplainer(await storyConfig(), PATHS.derived));
  data = await readChartData(await storyConfig(), PATHS.derived);
}, 30_000);

describe('the built explainer', () => {
  it('is byte-identical when built twice from the same inputs', async () => {
    const again = await buildExplainer(await storyConfig(), PATHS.derived);
    expect(again.html).toBe(html);
  });

  it('is the same page again from the drawings a chart cache hands back, as in the dev server', async () => {
    const markdown = readFileSync(PATHS.narrative, 'utf8');
    const cache = new ChartCache(CHARTS, () => 0);
    const document = await chartDocument();
    const build = () => buildReport({ markdown, path: PATHS.narrative, data, charts: cache.charts, document });
    const first = await build();
    expect(cache.takeStats().cached).toBe(0);
    // The second build gets the first's drawings: what the first page did to them must not show in it.
    const second = await build();
    expect(cache.takeStats()).toMatchObject({ rendered: 0, cached: expect.any(Number) });
    expect(second.html).not.toBeNull();
    expect(second.html).toBe(first.html);
    expect(second.html!.match(/<svg/g)?.length).toBeGreaterThan(1);
  });

  it('gives each figure its own copy of a drawing it reuses', async () => {
    const output = CHARTS.get('casualty-evolution')!.render(data, {}, await chartDocument());
    const svgOf = (node: unknown): { properties: Record<string, unknown> } | undefined => {
      if (typeof node !== 'object' || node === null) return undefined;
      if ((node as { tagName?: string }).tagName === 'svg') return node as { properties: Record<string, unknown> };
      for (const value of Object.values(node)) {
        const found = svgOf(value);
        if (found) return found;
      }
      return undefined;
    };
    const first = svgOf(chartFigure('chart-1-a', output, {}))!;
    first.properties.id = 'changed by a later plugin';
    expect(svgOf(chartFigure('chart-2-a', output, {}))?.properties.id).not.toBe('changed by a later plugin');
  });

  it('loads nothing from outside: no external script, stylesheet, font, image or frame', () => {
    const { document } = new JSDOM(html).window;
    expect(
      document.querySelectorAll('script[src], link[rel="stylesheet"], link[href], iframe, object, embed'),
    ).toHaveLength(0);
    for (const element of document.querySelectorAll('[src]')) expect(element.getAttribute('src')).toMatch(/^data:/);
    for (const style of document.querySelectorAll('style')) {
      expect(style.textContent).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//);
    }
    for (const element of document.querySelectorAll('[style]'))
      expect(element.getAttribute('style')).not.toMatch(/url\(/);
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toContain("default-src 'none'");
  });

  it('shows the narrative, a chart rendered as inline SVG and its furniture', () => {
    const { document } = new JSDOM(html).window;
    expect(document.querySelector('h1')?.textContent).toBe("Kazakhstan's January unrest, in the sources' own numbers");
    const figure = document.querySelector('figure.chart[id$="-casualty-evolution"]');
    expect(figure?.querySelectorAll('.chart-plot svg').length).toBe(1);
    expect(figure?.querySelector('.chart-summary')?.textContent).toMatch(/^24 reported figures from 5 articles/);
    expect(figure?.querySelector('details.chart-describe .chart-description')?.id).toBe(
      figure?.querySelector('.chart-plot')?.getAttribute('aria-describedby'),
    );
    expect(figure?.querySelector('.chart-source')?.textContent).toContain('Source:');
    expect(figure?.querySelector('a[download]')?.getAttribute('href')).toMatch(/^data:text\/csv/);
    expect(figure?.querySelectorAll('details table tbody tr').length).toBe(
      data.casualties.filter((r) => r.as_of).length,
    );
  });

  it('footnotes name every source article: outlet or "Outlet not stated", title and date', () => {
    const { document } = new JSDOM(html).window;
    const notes = [...document.querySelectorAll('section[data-footnotes] li')].map((li) => li.textContent ?? '');
    for (const article of data.articles) {
      const note = notes.find((text) => text.includes(`Article ${article.id}.`));
      expect(note, article.id).toBeDefined();
      expect(note).toContain(article.outlet ?? 'Outlet not stated');
      expect(note).toContain(article.title);
    }
    expect(notes.find((n) => n.includes('Article 003.'))).toContain('6 Jan 2022');
  });

  it('gives one footnote per quoted sentence, quoting it once, and every row of it points there', () => {
    const { document } = new JSDOM(html).window;
    const rows = new Map([...data.casualties, ...data.reactions].map((r) => [r.id, r]));
    const notes = [...document.querySelectorAll('section[data-footnotes] li[id^="fn-q-"]')];
    const sentences = new Set(notes.map((li) => li.querySelector('p')?.textContent?.trim()));
    expect(sentences.size).toBe(notes.length);
    for (const li of notes) {
      const ids = /Rows? ([^.]+)\./.exec(li.textContent ?? '')?.[1]?.split(', ') ?? [];
      const quotes = new Set(ids.map((id) => rows.get(id)?.quote));
      expect(quotes.size, li.id).toBe(1);
    }
    // Every reference to a quote is a reference to its sentence's note.
    for (const a of document.querySelectorAll('a[data-footnote-ref][href^="#fn-q-"]'))
      expect(document.getElementById(a.getAttribute('href')!.slice(1))).not.toBeNull();
  });

  it('offers all the data in one CSV file, and says how to cite the page', async () => {
    const { document } = new JSDOM(html).window;
    const link = document.querySelector('.colophon a[download]');
    expect(link?.getAttribute('download')).toBe('kazakhstan-unrest-data.csv.gz');
    const csv = gunzipSync(Buffer.from(link?.getAttribute('href')?.split(',')[1] ?? '', 'base64')).toString('utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^dataset,id,article,/);
    expect(lines.length - 1).toBeGreaterThanOrEqual(
      data.casualties.length + data.reactions.length + data.articles.length,
    );
    expect(document.querySelector('.colophon .cite')?.textContent).toContain('How to cite this page');
  });

  it('gives every section heading an id and a permalink, and lists them in a table of contents', () => {
    const { document } = new JSDOM(html).window;
    const headings = [...document.querySelectorAll('h2')];
    for (const h2 of headings)
      expect(h2.querySelector(`a.permalink[href="#${h2.id}"]`), h2.textContent ?? '').not.toBeNull();
    expect([...document.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href'))).toEqual(
      headings.map((h) => `#${h.id}`),
    );
  });

  it('says when it was last updated from the newest article, not the clock', () => {
    expect(html).toContain('Last updated <time datetime="2022-01-07">7 Jan 2022</time>');
  });
});

describe('directives in the narrative', () => {
  const build = async (markdown: string) =>
    buildReport({
      markdown: `---\ntitle: T\n---\n\n${markdown}\n`,
      path: 'story.md',
      data,
      charts: CHARTS,
      document: await chartDocument(),
    });

  it('reports an unknown chart at its position, with the nearest valid name', async () => {
    const { html: out, file } = await build('Intro.\n\n::chart{name="casualty-evoluton"}');
    expect(out).toBeNull();
    const [message] = file.messages;
    expect(message).toMatchObject({ line: 7, column: 1, ruleId: 'chart-unknown', fatal: true });
    expect(message?.reason).toContain('did you mean `casualty-evolution`?');
  });

  it('reports an unknown chart attribute and an invalid measure', async () => {
    const { file } = await build('::chart{name="casualty-evolution" colour="red" measure="kiled"}');
    const reasons = file.messages.map((m) => m.reason);
    expect(reasons.some((r) => r.includes('attribute `colour`'))).toBe(true);
    expect(reasons.some((r) => r.includes('did you mean `killed`?'))).toBe(true);
  });

  it('reports a citation of an unknown article', async () => {
    const { html: out, file } = await build('Text.:cite[009]');
    expect(out).toBeNull();
    expect(file.messages[0]).toMatchObject({ line: 5, column: 6, ruleId: 'cite-unknown-article' });
  });

  it('reports an unknown directive, and a known one written the wrong way', async () => {
    const { file } = await build('A :cout{measure="killed"} here.\n\n:chart{name="casualty-evolution"} inline.');
    expect(file.messages.map((m) => m.ruleId)).toEqual(['directive-unknown', 'directive-unknown']);
    expect(file.messages[1]?.reason).toContain('expected `::chart` on a line of its own');
  });

  it('never renders raw HTML from the narrative, and says so', async () => {
    const { html: out, file } = await build('<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> here.');
    expect(out).not.toContain('<script>alert');
    expect(out).not.toContain('onerror');
    expect(file.messages.map((m) => m.ruleId)).toContain('no-html');
  });

  it("leaves an editor's note in a comment out without a word, unlike other HTML", async () => {
    const { html: out, file } = await build('<!-- a note for the next editor -->\n\nText.');
    expect(file.messages).toEqual([]);
    expect(out).not.toContain('a note for the next editor');
  });

  it('refuses the timeline chart of a story with no timeline file, saying which file to create', async () => {
    const { html: out, file } = await buildReport({
      markdown: '---\ntitle: T\n---\n\n::chart{name="timeline"}\n',
      path: 'story.md',
      data: { ...data, events: null, story: { ...data.story, timelineFile: 'report/flood.timeline.yaml' } },
      charts: CHARTS,
      document: await chartDocument(),
    });
    expect(out).toBeNull();
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId, m.reason])).toEqual([
      [
        5,
        1,
        'chart-unavailable',
        'Cannot draw the timeline: the story has no key events; create `report/flood.timeline.yaml` with them (see the README)',
      ],
    ]);
  });

  it("checks the story's `home` against the gazetteer, at its line", async () => {
    const { file } = await buildReport({
      markdown: '---\ntitle: T\nhome: Kazakstan\n---\n\nText.\n',
      path: 'story.md',
      data,
      charts: CHARTS,
      document: await chartDocument(),
      actors: ['Kazakhstan', 'Chile'],
    });
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[3, 7, 'narrative-home']]);
    expect(file.messages[0]?.reason).toContain('(did you mean `Kazakhstan`?)');
  });
});
