// The footnote references' handler (src/report/footnote-numbering.ts) keeps
// an index of the footnotes met instead of searching their list: the HTML must
// be remark-rehype's own, byte for byte, whatever the references' order.
import fc from 'fast-check';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { footnoteReference } from '../../src/report/footnote-numbering.ts';

function html(markdown: string, indexed: boolean): string {
  return String(
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkRehype, { clobberPrefix: '', ...(indexed ? { handlers: { footnoteReference } } : {}) })
      .use(rehypeStringify)
      .processSync(markdown),
  );
}

/** Paragraphs citing footnotes by label (some cited again, some never defined), then the definitions. */
function markdown(citations: number[][], defined: number[]): string {
  const label = (n: number) => (n % 3 === 0 ? `q-${n}` : n % 3 === 1 ? `Note${n}` : `${n}`);
  return [
    ...citations.map((refs, i) => `Paragraph ${i}${refs.map((n) => `[^${label(n)}]`).join(' and ')}.`),
    ...defined.map((n) => `[^${label(n)}]: Footnote ${n}, cited ${label(n)}.`),
  ].join('\n\n');
}

describe('footnote numbering', () => {
  it('gives the HTML remark-rehype gives, numbers, ids and back-references included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(30), { maxLength: 6 }), { maxLength: 12 }),
        fc.uniqueArray(fc.nat(30), { maxLength: 31 }),
        (citations, defined) => {
          const text = markdown(citations, defined);
          expect(html(text, true)).toBe(html(text, false));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('numbers a thousand footnotes cited out of order, one of them three times', () => {
    const citations = Array.from({ length: 1000 }, (_, i) => [(i * 7919) % 1000]);
    citations.push([3], [3]);
    const text = markdown(
      citations,
      Array.from({ length: 1000 }, (_, i) => i),
    );
    const out = html(text, true);
    expect(out).toBe(html(text, false));
    expect(out).toContain('href="#fnref-q-3-3"');
  });
});
