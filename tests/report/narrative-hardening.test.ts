// Issue 14: a hostile or careless narrative gets a clear, positioned message,
// never a crash, a hang or a misleading second error.
import { beforeAll, describe, expect, it } from 'vitest';
import { chartDocument } from '../../src/charts/dom.ts';
import type { ChartData } from '../../src/charts/chart.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { readChartData } from '../../src/project/report.ts';
import { PATHS, storyConfig } from '../story.ts';
import { buildReport } from '../../src/report/build.ts';

let data: ChartData;

beforeAll(async () => {
  data = await readChartData(await storyConfig(), PATHS.derived);
}, 30_000);

async function build(markdown: string) {
  const { html, file } = await buildReport({
    markdown,
    path: 'story.md',
    data,
    charts: CHARTS,
    document: await chartDocument(),
  });
  return {
    html,
    messages: file.messages.map((m) => ({
      line: m.line,
      column: m.column,
      fatal: m.fatal,
      reason: m.reason,
      ruleId: m.ruleId,
    })),
  };
}

describe('the narrative (issue 14, item 11)', () => {
  it('reports a YAML bomb in the front matter once, without a false "Missing `title`"', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
      'title: A title',
    ].join('\n');
    const { html, messages } = await build(`---\n${bomb}\n---\n\nText.\n`);
    expect(html).toBeNull();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.reason).toMatch(/^Cannot parse the front matter/);
  });

  it('reports an unknown attribute on `:stat`, as on `:count` and `::chart`', async () => {
    const { html, messages } = await build('---\ntitle: T\n---\n\nWe read :stat{name="articles" nmae="x"} articles.\n');
    expect(html).toBeNull();
    expect(messages).toEqual([expect.objectContaining({ line: 5, column: 9, fatal: true, ruleId: 'stat-attribute' })]);
    expect(messages[0]?.reason).toMatch(/^Unexpected attribute `nmae` on `:stat`, expected/);
  });

  it('drops a remote image with a positioned warning', async () => {
    const { html, messages } = await build(
      '---\ntitle: T\n---\n\nSee ![a map](http://evil.example/track.png) here.\n\n![ref][pic]\n\n[pic]: https://evil.example/b.png\n',
    );
    expect(html).not.toBeNull();
    expect(html).not.toContain('evil.example');
    expect(messages).toEqual([
      expect.objectContaining({ line: 5, column: 5, fatal: false, ruleId: 'image-remote' }),
      expect.objectContaining({ line: 7, column: 1, fatal: false, ruleId: 'image-remote' }),
    ]);
    expect(messages[0]?.reason).toMatch(/^Unexpected image `http:\/\/evil\.example\/track\.png`/);
  });
});

describe('deep nesting in the narrative (issue 14, item 6)', () => {
  const cases: [string, string, { line: number; column: number }][] = [
    ['5,000 `>` on one line', `${'>'.repeat(5000)} deep\n`, { line: 5, column: 101 }],
    [
      'a list nested 1,000 deep',
      `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * i)}- item`).join('\n')}\n`,
      { line: 105, column: 201 },
    ],
    ['list markers nested 3,000 deep on one line', `${'- '.repeat(3000)}x\n`, { line: 5, column: 201 }],
    ['10,000 nested links', `${'['.repeat(10_000)}x${'](u)'.repeat(10_000)}\n`, { line: 5, column: 101 }],
    ['emphasis nested 2,500 deep', `${'*'.repeat(5000)}x${'*'.repeat(5000)}\n`, { line: 5, column: 1 }],
  ];
  for (const [name, body, place] of cases) {
    // A build that went deep into these before refusing them would be slow: the test's time limit catches it, not a timer here (speed is the bench's to measure).
    it(`refuses ${name} with a positioned error`, async () => {
      const { html, messages } = await build(`---\ntitle: T\n---\n\n${body}`);
      expect(html).toBeNull();
      expect(messages).toEqual([expect.objectContaining({ ...place, fatal: true, ruleId: 'nesting-depth' })]);
      expect(messages[0]?.reason).toMatch(/^Unexpected .* nested more than 100 deep: expected at most 100 levels/);
    });
  }

  it('is reported by `npm run check` too, without parsing the story', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { check } = await import('../../src/project/check.ts');
    const dir = mkdtempSync(join(tmpdir(), 'newsbook-nesting-'));
    try {
      const narrative = join(dir, 'story.md');
      writeFileSync(narrative, `---\ntitle: T\n---\n\n${'>'.repeat(5000)} deep\n`);
      const { diagnostics } = await check({ ...(await storyConfig()), narrative });
      const found = diagnostics.filter((d) => d.file === narrative);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ line: 5, column: 101, fatal: true, ruleId: 'nesting-depth' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('leaves ordinary nesting alone', async () => {
    const { html } = await build(
      '---\ntitle: T\n---\n\n> quote\n> > nested\n\n- a\n  - b\n    - c\n\n**bold *and* [a [link]](https://example.com)**\n\n***\n',
    );
    expect(html).not.toBeNull();
  });
});

describe('bidi isolation of article text (issue 14, item 9)', () => {
  it('isolates titles, outlets and quotes in <bdi> and strips override characters', async () => {
    const { JSDOM } = await import('jsdom');
    const spoofed: ChartData = {
      ...data,
      articles: data.articles.map((a, i) =>
        i === 0 ? { ...a, title: `Innocent \u202Egnp.exe title`, outlet: 'Outlet\u202E reversed' } : a,
      ),
      casualties: data.casualties.map((r) =>
        r.article === data.articles[0]!.id ? { ...r, quote: `\u202E${r.quote}` } : r,
      ),
    };
    const row = spoofed.casualties.find((r) => r.article === data.articles[0]!.id && r.status === 'reported')!;
    const markdown = `---\ntitle: T\n---\n\nA figure :count{measure="${row.measure}" article="${row.article}"} and :cite[${row.article}].\n`;
    const { html, file } = await buildReport({
      markdown,
      path: 'story.md',
      data: spoofed,
      charts: CHARTS,
      document: await chartDocument(),
    });
    expect(file.messages.filter((m) => m.fatal)).toEqual([]);
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const { document } = new JSDOM(html!).window;
    const isolates = [...document.querySelectorAll('section[data-footnotes] bdi')].map((b) => b.textContent);
    expect(isolates).toContain('Innocent gnp.exe title');
    expect(isolates).toContain('Outlet reversed');
    expect(isolates).toContain(row.quote.replace('\u202E', ''));
    expect(document.querySelector('data.figure')?.getAttribute('dir')).toBe('auto');
  });
});
