// Benchmark of issue 16: what notebook cells add to a page build. The story
// is built in this process, as the dev server builds it on a save, with and
// without ten cells appended (charts, a table, computed values); the first
// build with cells is the cold one (a fresh node:vm context, every chart drawn).
import { chartDocument } from '../charts/dom.ts';
import type { ChartData } from '../charts/chart.ts';
import { CHARTS } from '../charts/registry.ts';
import { buildReport } from '../report/build.ts';
import { median } from './stats.ts';

export interface CellsBuildResult {
  cells: number;
  /** The first build of the story with cells in this process. */
  coldMs: number;
  /** Medians of later builds, with and without the cells. */
  withCellsMs: number;
  withoutCellsMs: number;
}

/** Ten cells over the story's own datasets: six Plot charts, a built-in chart, a table and two of values. */
export function tenCells(): string {
  const cell = (meta: string, code: string) => `\`\`\`js ${meta}\n${code}\n\`\`\`\n`;
  return [
    cell(
      '',
      'const killed = casualties.filter((r) => r.measure === "killed");\nconst byArticle = d3.rollups(casualties, (v) => v.length, (r) => r.article);',
    ),
    cell(
      'title="Figures per article"',
      'Plot.plot({marks: [Plot.barY(casualties, Plot.groupX({y: "count"}, {x: "article"})), Plot.ruleY([0])], x: {type: "band"}})',
    ),
    cell(
      'title="Killed"',
      'Plot.plot({marginLeft: 70, marks: [Plot.barX(killed, {y: "id", x: "value"}), Plot.ruleX([0])]})',
    ),
    cell(
      'title="Values by day"',
      'Plot.plot({marks: [Plot.dot(casualties.filter((r) => r.as_of), {x: (r) => new Date(r.as_of), y: "value", stroke: "measure"})], y: {type: "log"}, color: {legend: true}})',
    ),
    cell(
      'title="Reactions per actor"',
      'Plot.plot({marginLeft: 150, marks: [Plot.barX(reactions, Plot.groupY({x: "count"}, {y: "actor", sort: {y: "x", reverse: true}}))]})',
    ),
    cell(
      'title="Stances"',
      'Plot.plot({marginLeft: 150, marks: [Plot.cell(reactions, Plot.group({fill: "count"}, {x: "article", y: "stance"}))], x: {type: "band"}})',
    ),
    cell(
      'title="Attributions"',
      'Plot.plot({marginLeft: 150, marks: [Plot.barX(casualties, Plot.groupY({x: "count"}, {y: (r) => r.attribution ?? "not said"}))]})',
    ),
    cell('title="Who says what, killed"', 'charts.whoSaysWhat(killed)'),
    cell('table title="Per article"', 'byArticle.map(([article, figures]) => ({article, figures}))'),
    cell('', 'const seeded = d3.randomLcg(16)();\nconst total = d3.sum(killed, (r) => r.value);'),
    'Killed figures: ${killed.length}; their sum ${total}; the highest ${d3.greatest(killed, (r) => r.value)}.\n',
  ].join('\n');
}

export async function benchCellsBuild(narrative: string, data: ChartData, runs: number): Promise<CellsBuildResult> {
  const document = await chartDocument();
  const withCells = `${narrative}\n\n## Cells\n\n${tenCells()}`;
  const build = async (markdown: string) => {
    const started = performance.now();
    const { html, file } = await buildReport({ markdown, path: 'bench-cells.md', data, charts: CHARTS, document });
    if (html === null)
      throw new Error(
        `the bench story has errors: ${file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`).join('; ')}`,
      );
    return performance.now() - started;
  };
  const coldMs = await build(withCells);
  const withTimes: number[] = [];
  const withoutTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    withoutTimes.push(await build(narrative));
    withTimes.push(await build(withCells));
  }
  return { cells: 10, coldMs, withCellsMs: median(withTimes), withoutCellsMs: median(withoutTimes) };
}
