// Issue 14, item 3: an article with very many figures derives in time linear
// in its size, and never overflows the stack (an article over the size limit
// is refused when it is read: tests/cli/special-files.test.ts).
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { articleMessages, serialMessages } from '../../src/datasets/article-messages.ts';
import { assembleDerived } from '../../src/datasets/derive.ts';
import type { CasualtyRow } from '../../src/datasets/schema.ts';
import type { Message } from '../../src/extract/types.ts';

const META = {
  id: 'big',
  title: 'Big',
  outlet: null,
  url: null,
  published: '2022-01-06',
  published_basis: 'stated',
  published_note: null,
  language: 'en',
  translated_from: null,
} as const;
const LINE = 'In Almaty, 123 people were killed.\n';

function article(lines: number): Article {
  return { meta: { ...META }, body: LINE.repeat(lines), bodyLine: 12, path: 'big.md' };
}

describe('an article with very many figures', () => {
  it('is assembled into the datasets without overflowing the stack (300,000 rows)', () => {
    const a = article(10);
    const row = {
      article: 'big',
      measure: 'killed',
      group: 'all',
      value: 123,
      qualifier: 'exact',
      low: 123,
      high: 123,
      phrase: '123',
      as_of: '2022-01-06',
      attribution: null,
      status: 'reported',
      quote: 'In Almaty, 123 people were killed.',
      start: 0,
      end: 34,
    } as const;
    const casualties: CasualtyRow[] = Array.from({ length: 300_000 }, (_, i) => ({ id: `big-c${i + 1}`, ...row }));
    const messages: Message[] = Array.from(
      { length: 300_000 },
      () => ({ severity: 'info', reason: 'a note', ruleId: 'note', start: 0, end: 1 }) as Message,
    );
    const gazetteer = { actorByName: new Map(), actors: [] } as never;
    const derived = assembleDerived([a], [{ casualties, reactions: [], messages }], gazetteer);
    expect(derived.datasets.casualties).toHaveLength(300_000);
    expect(derived.messages).toHaveLength(300_000);
  });

  it('has its extraction messages positioned in linear time (50,000 messages on a 2 MB body)', () => {
    const lines = Math.ceil((2 * 1024 * 1024) / LINE.length);
    const a = article(lines);
    const messages = Array.from({ length: 50_000 }, (_, i) => {
      const start = Math.floor((i / 50_000) * a.body.length) + (i % 7);
      return { severity: 'info', reason: 'a note', ruleId: 'note', start, end: start + 1 } as Message;
    });
    // Speed is the bench's to measure (npm run bench); a walk from the body's start for each message would take minutes, past the test's time limit.
    expect(serialMessages(a, messages)).toHaveLength(50_000);
    // And as the derive reports them: VFileMessages on the article's file, at those places.
    const positions = articleMessages(a, messages);
    for (const i of [0, 1, 12_345, 49_999]) {
      const before = a.body.slice(0, messages[i]!.start);
      expect(positions[i]).toMatchObject({
        file: 'big.md',
        line: a.bodyLine + before.split('\n').length - 1,
        column: messages[i]!.start - (before.lastIndexOf('\n') + 1) + 1,
      });
    }
  });
});
