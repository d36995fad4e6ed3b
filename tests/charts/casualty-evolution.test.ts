import { beforeAll, describe, expect, it } from 'vitest';
import { casualtyEvolution } from '../../src/charts/casualty-evolution.ts';
import { chartDocument } from '../../src/charts/dom.ts';
import { trendSentence } from '../../src/charts/summary.ts';
import { casualty, FIXTURE } from './fixtures.ts';
import { itMatchesItsSnapshots } from './snapshot.ts';

let document: Document;
beforeAll(async () => {
  document = await chartDocument();
}, 30_000);

const output = () => casualtyEvolution.render(FIXTURE, {}, document);
const dated = FIXTURE.casualties.filter((r) => r.as_of !== null);

describe('casualty-evolution', () => {
  itMatchesItsSnapshots('casualty-evolution', output);

  it('draws one mark per dated figure, with a tooltip in the wide layout', () => {
    const svg = output().wide;
    const titled = [...svg.querySelectorAll('title')].map((t) => t.textContent ?? '');
    expect(titled).toHaveLength(dated.length);
    for (const row of dated)
      expect(
        titled.some((t) => t.includes(`(row ${row.id})`)),
        row.id,
      ).toBe(true);
    expect(titled.find((t) => t.includes('164'))).toContain('later withdrawn');
  });

  it('draws vague and withdrawn figures hollow, crosses out the withdrawn one, and fades the disputed one', () => {
    const svg = output().wide;
    const marks = (id: string) =>
      [...svg.querySelectorAll('title')].find((t) => t.textContent?.includes(`(row ${id})`))?.parentElement;
    const vague = dated.find((r) => r.qualifier === 'vague');
    const withdrawn = dated.find((r) => r.status === 'retracted');
    const disputed = dated.find((r) => r.status === 'disputed');
    expect(marks(vague?.id ?? '')?.getAttribute('fill')).toBe('var(--plot-background, #fff)');
    expect(marks(withdrawn?.id ?? '')?.getAttribute('fill')).toBe('var(--plot-background, #fff)');
    expect(
      marks(disputed?.id ?? '')
        ?.closest('g')
        ?.getAttribute('fill-opacity'),
    ).toBe('0.3');
    // The cross over the withdrawn figure: Plot's "times" symbol, one per withdrawn figure and one in the key.
    const crosses = svg.innerHTML.match(/d="M-([\d.]+),-\1L\1,\1M-\1,\1L\1,-\1"/g) ?? [];
    expect(crosses).toHaveLength(dated.filter((r) => r.status === 'retracted').length + 1);
  });

  it('points open-ended figures up ("more than") or down ("up to")', () => {
    const svg = output().wide;
    const arrows = [...svg.querySelectorAll('path')].filter(
      (p) =>
        /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+M/.test(p.getAttribute('d') ?? '') && p.getAttribute('stroke') !== 'currentColor',
    );
    const open = dated.filter((r) => r.low === null || r.high === null);
    expect(arrows).toHaveLength(open.length);
    const directions = arrows.map((a) => {
      const [, y1, y2] = /^M[\d.]+,([\d.]+)L[\d.]+,([\d.]+)/.exec(a.getAttribute('d') ?? '') ?? [];
      return Number(y2) < Number(y1) ? 'up' : 'down';
    });
    expect(directions.filter((d) => d === 'down')).toHaveLength(1);
  });

  it('labels days, not hours, and gives each panel its own scale from zero', () => {
    const texts = [...output().wide.querySelectorAll('text')].map((t) => t.textContent ?? '');
    expect(texts).toContain('Wed 5 Jan');
    expect(texts).toContain('Fri 7 Jan');
    expect(texts.some((t) => /\d{1,2}:\d{2}|AM|PM/.test(t))).toBe(false);
    expect(texts).toContain('Killed: security forces');
    expect(texts).toContain('Arrested: protesters');
    expect(texts.filter((t) => t === '0')).toHaveLength(4);
    expect(texts).toContain('4,000');
    expect(texts).toContain('>18');
  });

  it('keeps chart text at 12 px in both layouts, and the narrow one 360 px wide', () => {
    const { wide, narrow } = output();
    expect(wide.getAttribute('width')).toBe('640');
    expect(narrow.getAttribute('width')).toBe('360');
    for (const svg of [wide, narrow]) expect(svg.getAttribute('style')).toMatch(/font-size: ?12px/);
    expect(narrow.querySelectorAll('title')).toHaveLength(0);
  });

  it('describes the data in words, with every figure', () => {
    const { description } = output();
    expect(description).toMatch(/^9 reported figures from 3 articles, for 5 Jan to 7 Jan 2022\./);
    expect(description).toContain('Killed: all people: 7 Jan: 164 (withdrawn) (Article b)');
    expect(description).toContain('up to 40 (disputed) (Daily C)');
  });

  it('says how the highest figure went, the figures after it turned after "then"', () => {
    const trend = (...values: number[]) =>
      trendSentence([
        {
          key: 'killed-all',
          measure: 'killed',
          group: 'all',
          title: 'Killed: all people',
          rows: values.map((v, i) => casualty('a', `2025-11-0${i + 4}`, 'killed', 'all', `${v}`, v, 'exact', v, v)),
        },
      ]);
    expect(trend(128, 157, 153)).toBe(
      'The highest figure for people killed rose from 128 on 4 Nov to 157 on 5 Nov, then 153 on 6 Nov.',
    );
    expect(trend(128, 157, 160)).toBe(
      'The highest figure for people killed rose from 128 on 4 Nov to 157 on 5 Nov and 160 on 6 Nov.',
    );
    expect(trend(100, 50, 70)).toBe(
      'The highest figure for people killed fell from 100 on 4 Nov to 50 on 5 Nov, then 70 on 6 Nov.',
    );
    expect(trend(10, 5, 20)).toBe(
      'The highest figure for people killed went from 10 on 4 Nov to 5 on 5 Nov and 20 on 6 Nov.',
    );
  });

  it('gives a table row per figure with its quote footnote, and filters by measure and group', () => {
    const { rows, sources } = output();
    expect(rows.map((r) => (r.sources[0] && 'row' in r.sources[0] ? r.sources[0].row : '')).sort()).toEqual(
      dated.map((r) => r.id).sort(),
    );
    expect(sources).toEqual(['a', 'b', 'c']);
    const arrested = casualtyEvolution.render(FIXTURE, { measure: 'arrested' }, document);
    expect(arrested.rows).toHaveLength(2);
    expect(arrested.rows[1]?.values.value).toBe('more than 3,000');
    const protesters = casualtyEvolution.render(FIXTURE, { measure: 'killed', group: 'protesters' }, document);
    expect(protesters.rows.map((r) => r.values.phrase)).toEqual(['dozens', '26', 'up to 40']);
  });

  it('says so when nothing matches', () => {
    const none = casualtyEvolution.render(FIXTURE, { measure: 'hospitalized' }, document);
    expect(none.description).toBe('No casualty figures match this chart.');
    expect(none.wide.textContent).toContain('No casualty figures match this chart.');
  });
});
