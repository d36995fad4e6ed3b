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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(path, 1, 1, `Cannot parse ${name}: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new DatasetError(path, 1, 1, `Unexpected ${name}: expected an array of rows`);
  const { schema } = DATASETS[name];
  return data.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const line = lineOfRow(text, i);
    throw new DatasetError(path, line, 1, `Unexpected row ${i + 1} of ${name}${field ? `, field \`${field}\`` : ''}: ${issue?.message}`);
  }) as Datasets[N];
}

// Rows are written one object per `  {` line, so the n-th such line is row n.
function lineOfRow(text: string, index: number): number {
  const lines = text.split('\n');
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '  {' && ++seen === index) return i + 1;
  }
  return 1;
}
