// RFC 4180 CSV, so spreadsheets open the datasets as they are: fields quoted
// only when needed, null as an empty cell, CRLF-free (LF) for clean diffs.
// Text that a spreadsheet would run as a formula is neutralised (csv-safety.ts).
import { looksLikeFormula, neutralizeFormula } from './csv-safety.ts';

type Cell = string | number | boolean | null;

export function toCsv(fields: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [csvHeader(fields)];
  for (const row of rows) lines.push(csvLine(fields, row));
  return `${lines.join('\n')}\n`;
}

/** The header line of a CSV file, without its line break. */
export function csvHeader(fields: readonly string[]): string {
  return fields.map(quote).join(',');
}

/** One row as a CSV line, without its line break: `toCsv` is the header and these lines, each ended by `\n`. */
export function csvLine(fields: readonly string[], row: Record<string, unknown>): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + quote(row[fields[i]!] as Cell);
  return line;
}

const NEEDS_QUOTES = /[",\n\r]/;

function quote(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (typeof value === 'string' && looksLikeFormula(text)) return `"${neutralizeFormula(text).replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}
