// A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or
// carriage return before one) as a formula: a title such as
// `=HYPERLINK("http://…"&A1,"Click")` would leak the sheet or run a command.
// OWASP's CSV-injection rule: such a TEXT cell gets a leading `'`, which the
// spreadsheet shows as text, and is quoted. Numbers (-3) are never formulas.
// Only the CSV files change: the JSON keeps every value exact.

const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a text cell would be read as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text a formula-like cell is written as: `'` and the text. */
export function neutralizeFormula(text: string): string {
  return `'${text}`;
}
