// RFC 4180 CSV, so spreadsheets open the datasets as they are: fields quoted
// only when needed, null as an empty cell, CRLF-free (LF) for clean diffs.
type Cell = string | number | boolean | null;

export function toCsv(fields: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [fields.map(quote).join(',')];
  for (const row of rows) lines.push(fields.map((field) => quote(row[field] as Cell)).join(','));
  return `${lines.join('\n')}\n`;
}

function quote(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}
