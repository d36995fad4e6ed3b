import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/project/progress.ts';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 100, write: (text: string) => writes.push(text) };
}

describe('createProgress', () => {
  it('shows nothing for a short run', () => {
    const out = stream(true);
    const progress = createProgress(5, { stream: out, unit: 'articles', label: 'Deriving' });
    progress.tick('000.md');
    progress.done();
    expect(out.writes).toEqual([]);
  });

  it('redraws one bar in place on a terminal, once per percent, and ends the line', () => {
    const out = stream(true);
    const progress = createProgress(400, { stream: out, unit: 'articles', label: 'Deriving' });
    for (let i = 0; i < 400; i++) progress.tick(`${String(i).padStart(3, '0')}.md`);
    progress.done();
    expect(out.writes.length).toBe(103); // 0% to 100%, the final redraw, the newline
    expect(out.writes[0]).toMatch(/^\rDeriving ░+ 1\/400 articles {3}0% {2}000\.md\x1b\[K$/);
    expect(out.writes.at(-2)).toMatch(/^\rDeriving █+ 400\/400 articles 100%\x1b\[K$/);
    expect(out.writes.at(-1)).toBe('\n');
  });

  it('prints a plain line every tenth of the way when not a terminal', () => {
    const out = stream(false);
    const progress = createProgress(300, { stream: out, unit: 'articles', label: 'Deriving' });
    for (let i = 0; i < 300; i++) progress.tick();
    progress.done();
    expect(out.writes).toEqual([
      ...[30, 60, 90, 120, 150, 180, 210, 240, 270].map((n) => `Deriving: ${n}/300 articles (${n / 3}%)\n`),
      'Deriving: 300/300 articles (100%)\n',
    ]);
  });
});
