// The benchmark's results as rows with a target, and as a plain-text table.

export interface BenchRow {
  id: string;
  label: string;
  value: number | null;
  unit: string;
  /** How the value is shown, e.g. "1.84 s". */
  shown: string;
  /** e.g. "< 1.5 s"; null for a row that is only information. */
  target: string | null;
  pass: boolean | null;
  note?: string;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [
    r.label,
    r.shown,
    r.target ?? '',
    r.pass === null ? '' : r.pass ? 'pass' : 'MISSED',
    r.note ?? '',
  ]);
  const header = ['measure', 'value', 'target', 'result', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
