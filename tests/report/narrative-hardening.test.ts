// Issue 14: a hostile or careless narrative gets a clear, positioned message,
// never a crash, a hang or a misleading second error.
import { beforeAll, describe, expect, it } from 'vitest';
import { chartDocument } from '../../src/charts/dom.ts';
import type { ChartData } from '../../src/charts/chart.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { readChartData } from '../../src/cli/report.ts';
import { PATHS } from '../../src/cli/paths.ts';
import { buildReport } from '../../src/report/build.ts';

let data: ChartData;

beforeAll(async () => {
  data = await readChartData(PATHS.derived, PATHS.timeline);
}, 30_000);

async function build(markdown: string) {
  const { html, file } = await buildReport({ markdown, path: 'story.md', data, charts: CHARTS, document: await chartDocument() });
  return { html, messages: file.messages.map((m) => ({ line: m.line, column: m.column, fatal: m.fatal, reason: m.reason, ruleId: m.ruleId })) };
}

describe('the narrative (issue 14, item 11)', () => {
  it('reports a YAML bomb in the front matter once, without a false "Missing `title`"', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`), 'title: A title'].join('\n');
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
    const { html, messages } = await build('---\ntitle: T\n---\n\nSee ![a map](http://evil.example/track.png) here.\n\n![ref][pic]\n\n[pic]: https://evil.example/b.png\n');
    expect(html).not.toBeNull();
    expect(html).not.toContain('evil.example');
    expect(messages).toEqual([
      expect.objectContaining({ line: 5, column: 5, fatal: false, ruleId: 'image-remote' }),
      expect.objectContaining({ line: 7, column: 1, fatal: false, ruleId: 'image-remote' }),
    ]);
    expect(messages[0]?.reason).toMatch(/^Unexpected image `http:\/\/evil\.example\/track\.png`/);
  });
});
