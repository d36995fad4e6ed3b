import { beforeAll, describe, expect, it } from 'vitest';
import type { ChartOptions } from '../../src/charts/chart.ts';
import { chartDocument } from '../../src/charts/dom.ts';
import { BACKGROUND } from '../../src/charts/encoding.ts';
import { GROUP_LABELS, MEASURE_LABELS, measureLabel } from '../../src/charts/labels.ts';
import { whoSaysWhat } from '../../src/charts/who-says-what.ts';
import { GROUPS, MEASURES } from '../../src/datasets/schema.ts';
import type { CasualtyRow } from '../../src/datasets/schema.ts';
import { FIXTURE } from './fixtures.ts';
import { itMatchesItsSnapshots } from './snapshot.ts';
import { itIsReadableOnAPhoneAndLabelledOnce, position, tooltips } from './svg.ts';

let document: Document;
beforeAll(async () => {
  document = await chartDocument();
}, 30_000);

const output = (options: ChartOptions = {}) => whoSaysWhat.render(FIXTURE, options, document);

const panelTitle = (r: CasualtyRow) =>
  `${measureLabel(r.measure).replace(/^./, (c) => c.toUpperCase())}: ${GROUP_LABELS[r.group]}`;
const sourceName = (article: string) => {
  const a = FIXTURE.articles.find((x) => x.id === article);
  return a?.outlet ?? `Article ${article}`;
};

/**
 * What the chart should show, worked out from the fixture: per measure and group (in the dataset's
 * order) and per article, the figure for the latest day it gave (undated counts as oldest), a
 * withdrawn figure only when the article gave no other, the highest of a day's figures.
 */
function expectedLatest(options: ChartOptions = {}): CasualtyRow[] {
  const picked: CasualtyRow[] = [];
  for (const measure of MEASURES) {
    for (const group of GROUPS) {
      if ((options.measure && options.measure !== measure) || (options.group && options.group !== group)) continue;
      const inPanel = FIXTURE.casualties.filter((r) => r.measure === measure && r.group === group);
      for (const article of [...new Set(inPanel.map((r) => r.article))].sort()) {
        const own = inPanel.filter((r) => r.article === article);
        const usable = own.some((r) => r.status !== 'retracted') ? own.filter((r) => r.status !== 'retracted') : own;
        const last = [...usable]
          .sort((a, b) =>
            (a.as_of ?? '') < (b.as_of ?? '') ? -1 : (a.as_of ?? '') > (b.as_of ?? '') ? 1 : a.value - b.value,
          )
          .at(-1);
        if (last) picked.push(last);
      }
    }
  }
  return picked;
}

/** The tooltip'd mark of a row in the wide layout. */
const markOf = (svg: Element, id: string) => tooltips(svg).find((t) => t.text.includes(`(row ${id})`))?.mark;

describe('who-says-what', () => {
  itMatchesItsSnapshots('who-says-what', output);

  it('shows the latest figure of each source in each measure-and-group panel', () => {
    const { rows, sources } = output();
    const latest = expectedLatest();
    expect(rows.map((r) => r.values.id)).toEqual(latest.map((r) => r.id));
    for (const [i, row] of latest.entries()) {
      const values = rows[i]?.values;
      expect(values?.measure).toBe(MEASURE_LABELS[row.measure]);
      expect(values?.group).toBe(GROUP_LABELS[row.group]);
      expect(values?.source).toBe(sourceName(row.article));
      expect(values?.as_of).toBe(row.as_of);
      expect(values?.figures).toBe(
        FIXTURE.casualties.filter(
          (r) => r.article === row.article && r.measure === row.measure && r.group === row.group,
        ).length,
      );
      expect(rows[i]?.sources).toEqual([{ row: row.id }]);
    }
    expect(sources).toEqual([...new Set(latest.map((r) => r.article))].sort());
    // Panel titles, once each, in order.
    const titles = [...output().wide.querySelectorAll('text')]
      .map((t) => t.textContent ?? '')
      .filter((t) => /^[A-Z][a-z ]+: /.test(t));
    expect(titles).toEqual([...new Set(latest.map(panelTitle))]);
  });

  it('replaces a source’s earlier figure with its later one', () => {
    const svg = output().wide;
    const latest = new Set(expectedLatest().map((r) => r.id));
    // Figures the fixture has an article replace on a later day (a-c1: 8, then 18 the next day).
    const superseded = FIXTURE.casualties.filter((r) =>
      FIXTURE.casualties.some(
        (s) =>
          s !== r &&
          s.article === r.article &&
          s.measure === r.measure &&
          s.group === r.group &&
          s.status !== 'retracted' &&
          (s.as_of ?? '') > (r.as_of ?? ''),
      ),
    );
    expect(superseded.length).toBeGreaterThan(0);
    for (const row of superseded) {
      expect(latest.has(row.id)).toBe(false);
      expect(markOf(svg, row.id), row.id).toBeUndefined();
      expect(output().rows.some((r) => r.values.id === row.id)).toBe(false);
    }
    const tips = tooltips(svg);
    expect(tips).toHaveLength(latest.size);
    for (const id of latest)
      expect(
        tips.filter((t) => t.text.includes(`(row ${id})`)),
        id,
      ).toHaveLength(1);
  });

  it('marks open-ended figures with an arrow the way they point', () => {
    const svg = output().wide;
    const open = expectedLatest().filter((r) => (r.low === null) !== (r.high === null));
    expect(open.length).toBeGreaterThan(1);
    // Plot's arrows: a shaft then a head, in the source's colour (the legend's are in currentColor).
    const arrows = [...svg.querySelectorAll('path')]
      .filter(
        (p) =>
          /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+M/.test(p.getAttribute('d') ?? '') &&
          p.getAttribute('stroke') !== 'currentColor',
      )
      .map((p) => {
        const [, x1 = '', y1 = '', x2 = ''] = /^M([\d.]+),([\d.]+)L([\d.]+),/.exec(p.getAttribute('d') ?? '') ?? [];
        return { x1: Number(x1), y: Number(y1), direction: Number(x2) > Number(x1) ? 'up' : 'down' };
      });
    expect(arrows).toHaveLength(open.length);
    for (const row of open) {
      const dot = position(markOf(svg, row.id) ?? svg);
      const arrow = arrows.find((a) => a.y === dot.y && Math.abs(a.x1 - dot.x) < 10);
      expect(arrow?.direction, row.id).toBe(row.high === null ? 'up' : 'down');
    }
    const phrases = [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '');
    for (const row of open)
      expect(
        phrases.some((p) => p.startsWith(row.phrase)),
        row.phrase,
      ).toBe(true);
  });

  it('draws vague figures hollow, with a line across their range', () => {
    const svg = output().wide;
    const vague = expectedLatest().filter((r) => r.qualifier === 'vague');
    expect(vague.length).toBeGreaterThan(0);
    const lines = [...svg.querySelectorAll('line')].map((l) => ({
      x1: Number(l.getAttribute('x1')),
      x2: Number(l.getAttribute('x2')),
      y1: Number(l.getAttribute('y1')),
      y2: Number(l.getAttribute('y2')),
    }));
    for (const row of vague) {
      const mark = markOf(svg, row.id);
      expect(mark?.getAttribute('fill'), row.id).toBe(BACKGROUND);
      const dot = position(mark ?? svg);
      // The stem from zero ends at the dot; the range starts there and runs to the high end.
      const stem = lines.find((l) => l.y1 === dot.y && l.y2 === dot.y && l.x2 === dot.x);
      const range = lines.find((l) => l.y1 === dot.y && l.y2 === dot.y && l.x1 === dot.x && l.x2 > dot.x);
      expect(stem, row.id).toBeDefined();
      expect(range, row.id).toBeDefined();
      // On the panel's scale from zero, the range ends where high falls: (high / low) times the dot's distance.
      const zero = stem?.x1 ?? 0;
      expect(((range?.x2 ?? 0) - zero) / (dot.x - zero)).toBeCloseTo((row.high ?? 0) / (row.low ?? 1), 0);
    }
  });

  it('marks withdrawn and disputed figures in the chart, the table and the words', () => {
    const out = output();
    const latest = expectedLatest();
    const withdrawn = latest.filter((r) => r.status === 'retracted');
    const disputed = latest.filter((r) => r.status === 'disputed');
    expect(withdrawn.length).toBeGreaterThan(0);
    expect(disputed.length).toBeGreaterThan(0);
    for (const row of withdrawn) {
      expect(markOf(out.wide, row.id)?.getAttribute('fill')).toBe(BACKGROUND);
      expect(out.rows.find((r) => r.values.id === row.id)?.values.phrase).toBe(`${row.phrase} (withdrawn)`);
      expect(out.description).toContain(`${row.phrase} (withdrawn)`);
    }
    for (const row of disputed) {
      expect(markOf(out.wide, row.id)?.parentElement?.getAttribute('fill-opacity')).toBe('0.3');
      expect(out.description).toContain(`${row.phrase} (disputed)`);
    }
  });

  it('honours the measure and group options, keeping each source’s colour', () => {
    const all = output();
    const colour = (svg: Element, id: string) => markOf(svg, id)?.getAttribute('stroke');
    for (const options of [
      { measure: 'arrested' },
      { group: 'protesters' },
      { measure: 'killed', group: 'security_forces' },
    ] as const) {
      const out = output(options);
      const latest = expectedLatest(options);
      expect(latest.length).toBeGreaterThan(0);
      expect(
        out.rows.map((r) => r.values.id),
        JSON.stringify(options),
      ).toEqual(latest.map((r) => r.id));
      for (const row of latest) expect(colour(out.wide, row.id)).toBe(colour(all.wide, row.id));
      const titles = [...out.wide.querySelectorAll('text')]
        .map((t) => t.textContent ?? '')
        .filter((t) => /^[A-Z][a-z ]+: /.test(t));
      expect(titles).toEqual([...new Set(latest.map(panelTitle))]);
    }
  });

  it('says so when nothing matches', () => {
    const none = output({ measure: 'hospitalized' });
    expect(FIXTURE.casualties.some((r) => r.measure === 'hospitalized')).toBe(false);
    expect(none.description).toBe('No casualty figures match this chart.');
    expect(none.wide.textContent).toContain('No casualty figures match this chart.');
    expect(none.narrow.textContent).toContain('No casualty figures match this chart.');
    expect(none.rows).toHaveLength(0);
    expect(none.sources).toHaveLength(0);
  });

  it('describes every panel and every shown figure in words', () => {
    const { description } = output();
    const latest = expectedLatest();
    for (const title of new Set(latest.map(panelTitle))) {
      const start = description.indexOf(`${title}: `);
      expect(start, title).toBeGreaterThanOrEqual(0);
      const section = description.slice(
        start,
        description.indexOf('. ', start) === -1 ? undefined : description.indexOf('. ', start),
      );
      for (const row of latest.filter((r) => panelTitle(r) === title))
        expect(section, row.id).toContain(`${sourceName(row.article)}, ${row.phrase}`);
    }
    for (const row of latest) if (row.attribution) expect(description).toContain(row.attribution);
  });

  itIsReadableOnAPhoneAndLabelledOnce(output);
});
