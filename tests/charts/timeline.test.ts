import { beforeAll, describe, expect, it } from 'vitest';
import { chartDocument } from '../../src/charts/dom.ts';
import { GROUP_LABELS, measureLabel, STANCE_LABELS, formatDay, formatWeekday } from '../../src/charts/labels.ts';
import { shortName } from '../../src/charts/chart.ts';
import { timeline } from '../../src/charts/timeline.ts';
import type { Stance } from '../../src/datasets/schema.ts';
import { FIXTURE, FIXTURE_EVENTS } from './fixtures.ts';
import { itMatchesItsSnapshots } from './snapshot.ts';
import { fullText, itIsReadableOnAPhoneAndLabelledOnce, textTop, tooltips } from './svg.ts';

const HOME_ACTOR = FIXTURE.story.home!;
const shortActor = (actor: string) => shortName(FIXTURE.story, actor);

let document: Document;
beforeAll(async () => {
  document = await chartDocument();
}, 30_000);

const output = () => timeline.render(FIXTURE, {}, document);

// What the timeline should cover, worked out from the fixture.
const known = new Set(FIXTURE.articles.map((a) => a.id));
const events = FIXTURE_EVENTS.filter((e) => known.has(e.article));
const strayEvents = FIXTURE_EVENTS.filter((e) => !known.has(e.article));
const tollRows = FIXTURE.casualties.filter((r) => r.as_of !== null && r.status !== 'retracted');
const withdrawn = FIXTURE.casualties.filter((r) => r.status === 'retracted');
const foreign = FIXTURE.reactions.filter((r) => r.actor !== HOME_ACTOR && r.as_of !== null);
const shownDays = [
  ...events.map((e) => e.day),
  ...tollRows.map((r) => r.as_of ?? ''),
  ...foreign.map((r) => r.as_of ?? ''),
].sort();
const allDays: string[] = [];
for (let t = Date.parse(`${shownDays[0]}T00:00:00Z`); t <= Date.parse(`${shownDays.at(-1)}T00:00:00Z`); t += 86_400_000)
  allDays.push(new Date(t).toISOString().slice(0, 10));
const quietDays = allDays.filter((d) => !shownDays.includes(d));
const byShortName = new Map([...new Set(FIXTURE.reactions.map((r) => r.actor))].map((a) => [shortActor(a), a]));
const stanceByLabel = new Map(Object.entries(STANCE_LABELS).map(([stance, label]) => [label, stance as Stance]));

/** Where each day's block starts and ends in an SVG, from its day label. */
function dayBands(svg: Element): { day: string; top: number; bottom: number }[] {
  const labels = [...svg.querySelectorAll('text')].map((t) => ({ text: fullText(t), y: textTop(t) }));
  const bands = allDays.map((day) => ({
    day,
    top: labels.find((l) => l.text === formatWeekday(day))?.y ?? Number.NaN,
  }));
  return bands.map((b, i) => ({ ...b, bottom: bands[i + 1]?.top ?? Number.POSITIVE_INFINITY }));
}

describe('timeline', () => {
  itMatchesItsSnapshots('timeline', output);

  it('shows every day from the first to the last, in order, and says so of days with nothing', () => {
    expect(quietDays.length).toBeGreaterThan(0);
    for (const svg of [output().wide, output().narrow]) {
      const bands = dayBands(svg);
      for (const band of bands) expect(band.top, band.day).not.toBeNaN();
      expect(bands.map((b) => b.top)).toEqual([...bands.map((b) => b.top)].sort((a, b) => a - b));
      const nothing = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent === 'nothing in these sources')
        .map(textTop);
      expect(nothing).toHaveLength(quietDays.length);
      for (const day of quietDays) {
        const band = bands.find((b) => b.day === day);
        expect(
          nothing.filter((y) => y >= (band?.top ?? 0) && y < (band?.bottom ?? 0)),
          day,
        ).toHaveLength(1);
      }
    }
    const { description, rows } = output();
    expect(description.startsWith(`${formatDay(allDays[0] ?? '', false)} to ${formatDay(allDays.at(-1) ?? '')}.`)).toBe(
      true,
    );
    for (const day of quietDays) expect(description).toContain(`${formatWeekday(day)}: nothing in these sources`);
    expect(new Set(rows.map((r) => r.values.day))).toEqual(new Set(shownDays));
  });

  it('puts each key event on its day, with its article’s words as the source, and leaves out events from unknown articles', () => {
    const out = output();
    expect(strayEvents.length).toBeGreaterThan(0);
    for (const event of events) {
      const row = out.rows.find((r) => r.values.kind === 'event' && r.values.text === event.text);
      expect(row?.values.day, event.id).toBe(event.day);
      expect(row?.sources).toEqual([{ article: event.article, quote: event.quote }]);
      expect(tooltips(out.wide).map((t) => t.text)).toContain(`${formatDay(event.day, false)} — event: ${event.text}`);
      for (const svg of [out.wide, out.narrow]) {
        const text = [...svg.querySelectorAll('text')].find((t) => fullText(t) === event.text);
        expect(text, event.id).toBeDefined();
        const y = text ? textTop(text) : Number.NaN;
        const band = dayBands(svg).find((b) => b.day === event.day);
        expect(
          y >= (band?.top ?? Number.NaN) && y < (band?.bottom ?? Number.NaN),
          `${event.id} at ${y}, day ${band?.top}–${band?.bottom}`,
        ).toBe(true);
      }
    }
    for (const stray of strayEvents) {
      expect(out.rows.some((r) => r.values.text === stray.text)).toBe(false);
      expect(out.wide.textContent).not.toContain(stray.text);
      expect(out.description).not.toContain(stray.text);
      expect(out.sources).not.toContain(stray.article);
    }
  });

  it('gives each day the highest toll per measure and group, never a withdrawn figure, and marks disputed ones', () => {
    const out = output();
    const tolls = out.rows.filter((r) => r.values.kind === 'toll');
    const sourced = tolls.flatMap((r) => r.sources.map((s) => ({ toll: r, id: 'row' in s ? s.row : '' })));
    // One per day, measure and group that has a figure; the highest of them.
    const keys = [...new Set(tollRows.map((r) => `${r.as_of} ${r.measure} ${r.group}`))];
    expect(sourced).toHaveLength(keys.length);
    for (const { toll, id } of sourced) {
      const row = tollRows.find((r) => r.id === id);
      expect(row, id).toBeDefined();
      if (!row) continue;
      expect(toll.values.day).toBe(row.as_of);
      const rivals = tollRows.filter(
        (r) => r.as_of === row.as_of && r.measure === row.measure && r.group === row.group,
      );
      expect(row.value).toBe(Math.max(...rivals.map((r) => r.value)));
      const text = String(toll.values.text);
      expect(text.startsWith(`${measureLabel(row.measure).replace(/^./, (c) => c.toUpperCase())}: `)).toBe(true);
      expect(text).toContain(`${row.phrase.charAt(0).toLowerCase()}${row.phrase.slice(1)}`);
      if (row.group !== 'all') expect(text).toContain(GROUP_LABELS[row.group]);
      if (row.status === 'disputed') expect(text).toMatch(new RegExp(`${row.phrase} \\([^)]*disputed\\)`));
    }
    expect(tollRows.some((r) => r.status === 'disputed' && sourced.some((s) => s.id === r.id))).toBe(true);
    // Withdrawn figures: never a toll, in the table, the plot or the words.
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const row of withdrawn) {
      expect(sourced.some((s) => s.id === row.id)).toBe(false);
      for (const svg of [out.wide, out.narrow]) expect(svg.textContent).not.toContain(row.phrase);
      expect(out.description).not.toContain(row.phrase);
    }
  });

  it('shows the first reaction of each actor and stance once, on its first day, never the Kazakh authorities', () => {
    const out = output();
    const firsts = out.rows.filter((r) => String(r.values.kind).startsWith('first reaction'));
    const shown = firsts.flatMap((r) => {
      const [actors = '', stances = ''] = String(r.values.text).split(': ');
      return actors
        .split(', ')
        .flatMap((a) =>
          stances
            .split(', ')
            .map((s) => ({ day: r.values.day, actor: byShortName.get(a), stance: stanceByLabel.get(s), row: r })),
        );
    });
    const pairs = [...new Set(foreign.map((r) => `${r.actor}\u0000${r.stance}`))];
    expect(shown).toHaveLength(pairs.length);
    for (const pair of pairs) {
      const [actor, stance] = pair.split('\u0000');
      const matching = shown.filter((s) => s.actor === actor && s.stance === stance);
      expect(matching, pair).toHaveLength(1);
      const earliest = foreign
        .filter((r) => r.actor === actor && r.stance === stance)
        .map((r) => r.as_of ?? '')
        .sort()[0];
      expect(matching[0]?.day, pair).toBe(earliest);
      // Its footnote: a sentence of that actor on that day.
      const footnoted = matching[0]?.row.sources.map((s) =>
        FIXTURE.reactions.find((r) => 'row' in s && r.id === s.row),
      );
      expect(
        footnoted?.some((r) => r?.actor === actor && r?.as_of === earliest),
        pair,
      ).toBe(true);
    }
    // The fixture reports some positions again on later days: those are not repeated.
    expect(foreign.length).toBeGreaterThan(pairs.length);
    expect(out.wide.textContent).not.toContain(shortActor(HOME_ACTOR));
    expect(out.description).not.toContain(HOME_ACTOR);
  });

  it('gives every entry a tooltip in the wide layout, and a table row with its footnotes', () => {
    const out = output();
    const tips = tooltips(out.wide).map((t) => t.text);
    expect(tips).toHaveLength(out.rows.length);
    for (const row of out.rows) {
      expect(tips).toContain(`${formatDay(String(row.values.day), false)} — ${row.values.kind}: ${row.values.text}`);
      expect(row.sources.length).toBeGreaterThan(0);
      for (const source of row.sources)
        if ('row' in source)
          expect(
            [...FIXTURE.casualties, ...FIXTURE.reactions].some((r) => r.id === source.row),
            source.row,
          ).toBe(true);
    }
    const articleOf = (id: string) => [...FIXTURE.casualties, ...FIXTURE.reactions].find((r) => r.id === id)?.article;
    expect(out.sources).toEqual(
      [...new Set(out.rows.flatMap((r) => r.sources.map((s) => ('row' in s ? articleOf(s.row) : s.article))))].sort(),
    );
  });

  it('describes every day and every entry in words', () => {
    const { description, rows } = output();
    for (const day of allDays) expect(description).toContain(`${formatWeekday(day)}: `);
    for (const row of rows) expect(description).toContain(String(row.values.text));
    // Entries come in their day's sentence.
    for (const row of rows) {
      const day = formatWeekday(String(row.values.day));
      const start = description.indexOf(`${day}: `);
      const next =
        allDays
          .map((d) => description.indexOf(`${formatWeekday(d)}: `))
          .filter((i) => i > start)
          .sort((a, b) => a - b)[0] ?? description.length;
      expect(description.slice(start, next), String(row.values.text)).toContain(String(row.values.text));
    }
  });

  itIsReadableOnAPhoneAndLabelledOnce(output);

  it('says so when there is nothing to show', () => {
    const none = timeline.render({ ...FIXTURE, casualties: [], reactions: [], events: [] }, {}, document);
    expect(none.description).toBe('No events, tolls or reactions to show.');
    expect(none.rows).toHaveLength(0);
    expect(none.sources).toHaveLength(0);
  });
});
