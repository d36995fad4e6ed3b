import { beforeAll, describe, expect, it } from 'vitest';
import { chartDocument } from '../../src/charts/dom.ts';
import { STANCE_LABELS, stanceLabel } from '../../src/charts/labels.ts';
import { reactions } from '../../src/charts/reactions.ts';
import { shortName } from '../../src/charts/chart.ts';
import { compareRowIds } from '../../src/charts/panels.ts';
import type { ReactionRow, Stance } from '../../src/datasets/schema.ts';
import { FIXTURE } from './fixtures.ts';
import { itMatchesItsSnapshots } from './snapshot.ts';
import { itIsReadableOnAPhoneAndLabelledOnce, tooltips } from './svg.ts';

const HOME_ACTOR = FIXTURE.story.home!;
const shortActor = (actor: string) => shortName(FIXTURE.story, actor);

let document: Document;
beforeAll(async () => {
  document = await chartDocument();
}, 30_000);

const output = () => reactions.render(FIXTURE, {}, document);

// What the chart should show, worked out from the fixture: one cell per foreign actor and stance,
// counting the distinct articles that reported it.
const foreign = FIXTURE.reactions.filter((r) => r.actor !== HOME_ACTOR);
const home = FIXTURE.reactions.filter((r) => r.actor === HOME_ACTOR);
interface Expected {
  actor: string;
  stance: Stance;
  rows: ReactionRow[];
  articles: string[];
}
const expected: Expected[] = [];
for (const row of foreign) {
  let cell = expected.find((c) => c.actor === row.actor && c.stance === row.stance);
  if (!cell) expected.push((cell = { actor: row.actor, stance: row.stance, rows: [], articles: [] }));
  cell.rows.push(row);
  if (!cell.articles.includes(row.article)) cell.articles.push(row.article);
}
const plural = (n: number) => `${n} article${n === 1 ? '' : 's'}`;

describe('reactions', () => {
  itMatchesItsSnapshots('reactions', output);

  it('draws one cell per actor and stance with a tooltip naming it and how many articles reported it', () => {
    const svg = output().wide;
    const tips = tooltips(svg);
    expect(tips).toHaveLength(expected.length);
    for (const cell of expected) {
      const tip = tips.filter((t) => t.text.startsWith(`${cell.actor} — ${STANCE_LABELS[cell.stance]}\n`));
      expect(tip, `${cell.actor} / ${cell.stance}`).toHaveLength(1);
      expect(tip[0]?.text).toContain(`Reported by ${plural(cell.articles.length)}:`);
      expect(tip[0]?.mark.localName).toBe('rect');
    }
  });

  it('writes in each cell the number of distinct articles, however many sentences, darker for more', () => {
    const svg = output().wide;
    const numbers = [...svg.querySelectorAll('text')].map((t) => ({
      x: Number(t.getAttribute('x')),
      y: Number(t.getAttribute('y')),
      text: t.textContent ?? '',
    }));
    const cells = tooltips(svg).map(({ text, mark }) => {
      const cell = expected.find((c) => text.startsWith(`${c.actor} — ${STANCE_LABELS[c.stance]}\n`));
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(mark.getAttribute(a)));
      const inside = numbers.filter(
        (n) => n.x > (x ?? 0) && n.x < (x ?? 0) + (w ?? 0) && n.y > (y ?? 0) && n.y < (y ?? 0) + (h ?? 0),
      );
      return { cell, inside, opacity: Number(mark.getAttribute('fill-opacity')) };
    });
    for (const { cell, inside } of cells)
      expect(
        inside.map((n) => n.text),
        `${cell?.actor} / ${cell?.stance}`,
      ).toEqual([String(cell?.articles.length)]);
    // The fixture has a cell where one article reports the same thing twice: it still counts once.
    expect(expected.some((c) => c.rows.length > c.articles.length)).toBe(true);
    for (const a of cells)
      for (const b of cells)
        if ((a.cell?.articles.length ?? 0) > (b.cell?.articles.length ?? 0))
          expect(a.opacity).toBeGreaterThan(b.opacity);
  });

  it('leaves the Kazakh authorities out, and says so', () => {
    const out = output();
    expect(home.length).toBeGreaterThan(0);
    const labels = [...out.wide.querySelectorAll('text')].map((t) => t.textContent ?? '');
    expect(labels).not.toContain(shortActor(HOME_ACTOR));
    expect(tooltips(out.wide).some((t) => t.text.includes(HOME_ACTOR))).toBe(false);
    expect(out.rows.some((r) => r.values.actor === HOME_ACTOR)).toBe(false);
    const homeIds = new Set(home.map((r) => r.id));
    expect(out.rows.flatMap((r) => r.sources).some((s) => 'row' in s && homeIds.has(s.row))).toBe(false);
    expect(out.subtitle).toContain(`The Kazakh authorities’ own statements are left out: ${home.length} sentence`);
    for (const r of home) expect(out.subtitle).toContain(STANCE_LABELS[r.stance]);
    expect(out.description).toContain(`The Kazakh authorities’ own statements (${home.length}) are not shown.`);
  });

  it('labels every actor once and every stance once', () => {
    const labels = [...output().wide.querySelectorAll('text')].map((t) => t.textContent ?? '');
    for (const actor of new Set(foreign.map((r) => r.actor)))
      expect(
        labels.filter((l) => l === shortActor(actor)),
        actor,
      ).toHaveLength(1);
    for (const stance of new Set(foreign.map((r) => r.stance)))
      expect(
        labels.filter((l) => l === STANCE_LABELS[stance]),
        stance,
      ).toHaveLength(1);
  });

  it('gives a table row per cell, with a footnote to the first sentence of each article that reported it', () => {
    const { rows, sources, columns } = output();
    expect(rows).toHaveLength(expected.length);
    for (const cell of expected) {
      const row = rows.find((r) => r.values.actor === cell.actor && r.values.stance === STANCE_LABELS[cell.stance]);
      expect(row, `${cell.actor} / ${cell.stance}`).toBeDefined();
      expect(row?.values.articles).toBe(cell.articles.length);
      expect(row?.values.sentences).toBe(cell.rows.length);
      expect(row?.values.article_ids).toBe([...cell.articles].sort().join(' '));
      const firsts = [...cell.articles]
        .sort()
        .map(
          (article) => cell.rows.filter((r) => r.article === article).sort((a, b) => compareRowIds(a.id, b.id))[0]?.id,
        );
      expect(row?.sources).toEqual(firsts.map((id) => ({ row: id })));
    }
    // Every column a table row fills is one the chart declares.
    for (const row of rows) expect(Object.keys(row.values).sort()).toEqual(columns.map((c) => c.field).sort());
    expect(sources).toEqual([...new Set(foreign.map((r) => r.article))].sort());
  });

  it('describes every cell in words', () => {
    const { description } = output();
    expect(description).toMatch(
      new RegExp(
        `^${new Set(expected.map((c) => c.actor)).size} foreign governments and organisations, reported in ${new Set(foreign.map((r) => r.article)).size} articles\\.`,
      ),
    );
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const cell of expected) {
      const mention = new RegExp(
        `${escape(shortActor(cell.actor))} [^;.]*${escape(stanceLabel(cell.stance))} \\(${plural(cell.articles.length)}\\)`,
      );
      expect(description, `${cell.actor} / ${cell.stance}`).toMatch(mention);
    }
  });

  itIsReadableOnAPhoneAndLabelledOnce(output);

  it('says so when there are no reactions', () => {
    const none = reactions.render({ ...FIXTURE, reactions: home }, {}, document);
    expect(none.description).toBe('No reactions by foreign governments or organisations were found.');
    expect(none.wide.textContent).toContain('No reactions match this chart.');
    expect(none.narrow.textContent).toContain('No reactions match this chart.');
    expect(none.rows).toHaveLength(0);
    expect(none.sources).toHaveLength(0);
  });
});
