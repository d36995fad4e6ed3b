// Datasets → file contents, and file contents → validated rows. Both directions
// go through the one schema of each dataset.
import { toCsv } from './csv.ts';
import { DATASETS } from './schema.ts';
import type { ArticleRow, CasualtyRow, DatasetName, ReactionRow } from './schema.ts';

export interface Datasets {
  casualties: CasualtyRow[];
  reactions: ReactionRow[];
  articles: ArticleRow[];
}

export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

export class DatasetError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'DatasetError';
  }
}

/** Every dataset as `<name>.json` and `<name>.csv`, keys in the contract's field order. */
export function serializeDatasets(datasets: Datasets): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of DATASET_NAMES) {
    const { schema, fields } = DATASETS[name];
    const rows = (datasets[name] as unknown[]).map((row, i) => {
      const parsed = schema.safeParse(row);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`Cannot write ${name}: row ${i + 1}, field \`${String(issue?.path[0] ?? '')}\`: ${issue?.message}`);
      }
      return Object.fromEntries(fields.map((field) => [field, (parsed.data as Record<string, unknown>)[field]]));
    });
    files.set(`${name}.json`, `${JSON.stringify(rows, null, 2)}\n`);
    files.set(`${name}.csv`, toCsv(fields, rows));
  }
  return files;
}

/** Parses and validates one `<name>.json`; errors point at the row's line in the file. */
export function parseDataset<N extends DatasetName>(name: N, text: string, path: string): Datasets[N] {
  const { rows, problems } = validateDataset(name, text, path);
  if (problems[0]) throw problems[0];
  return rows;
}

/** Like parseDataset, but gives every bad row (first problem of each) instead of stopping at the first. */
export function validateDataset<N extends DatasetName>(name: N, text: string, path: string): { rows: Datasets[N]; problems: DatasetError[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { rows: [], problems: [new DatasetError(path, 1, 1, `Cannot parse ${name}: ${(error as Error).message}`)] };
  }
  if (!Array.isArray(data)) return { rows: [], problems: [new DatasetError(path, 1, 1, `Unexpected ${name}: expected an array of rows`)] };
  const { schema } = DATASETS[name];
  const rows: unknown[] = [];
  const problems: DatasetError[] = [];
  const lines = rowLines(text);
  data.forEach((row, i) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      rows.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    problems.push(new DatasetError(path, lines[i] ?? 1, 1, `Unexpected row ${i + 1} of ${name}${field ? `, field \`${field}\`` : ''}: ${issue?.message}`));
  });
  return { rows: rows as Datasets[N], problems };
}

/** The 1-based line where each row starts: rows are written one object per `  {` line. */
export function rowLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '  {') lines.push(i + 1);
  });
  return lines;
}
