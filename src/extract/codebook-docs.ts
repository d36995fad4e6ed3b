// The parts of data/README.md that document the codebook (the measure and
// stance tables), written from it, so that the documentation cannot drift
// from what the derive reads. `npx tsx scripts/codebook-docs.ts` rewrites them;
// tests/datasets/documentation.test.ts fails when they differ.
import type { Codebook } from './codebook.ts';

const BEGIN = (table: string) =>
  `<!-- codebook:${table} (written by scripts/codebook-docs.ts from data/codebook.yaml) -->`;
const END = (table: string) => `<!-- /codebook:${table} -->`;

/** The Markdown table of the codebook's measures or stances. */
export function codebookTable(codebook: Codebook, table: 'measures' | 'stances'): string {
  const cell = (s: string) => s.replaceAll('|', '\\|');
  if (table === 'measures') {
    return [
      '| value | meaning |',
      '| --- | --- |',
      ...codebook.measureEntries.map((m) => `| \`${m.name}\` | ${cell(m.meaning)} |`),
    ].join('\n');
  }
  return [
    '| value | meaning | CAMEO |',
    '| --- | --- | --- |',
    ...codebook.stanceEntries.map((s) => `| \`${s.name}\` | ${cell(s.meaning)} | ${s.cameo ?? ''} |`),
  ].join('\n');
}

/** `readme` with its codebook tables (between their markers) written from `codebook`. */
export function writeCodebookTables(readme: string, codebook: Codebook): string {
  let out = readme;
  for (const table of ['measures', 'stances'] as const) {
    const start = out.indexOf(BEGIN(table));
    const end = out.indexOf(END(table));
    if (start === -1 || end === -1)
      throw new Error(
        `Cannot find the markers of the ${table} table in data/README.md: expected ${BEGIN(table)} … ${END(table)}`,
      );
    out = `${out.slice(0, start)}${BEGIN(table)}\n${codebookTable(codebook, table)}\n${out.slice(end)}`;
  }
  return out;
}
