// The codebook (CONTRACT §6): the measures, groups and stances of the
// datasets, each with its label for readers and the words that signal it,
// read from data/codebook.yaml and a story's data/<story>/codebook.yaml.
// Editors extend it without touching code; this module validates the YAML (a
// bad entry is reported as file:line:column and the field), merges the base
// and the story's additions, and compiles each measure's words into the
// patterns the casualty grammar tries. Pure: it takes the YAML text.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { VFile } from 'vfile';
import { describeAll, failAtField } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { locate, parseYamlWithPlaces } from '../common/yaml-places.ts';
import { yamlData } from '../common/yaml-data.ts';
import { BASE_MEASURES, BASE_STANCES, GROUPS } from '../datasets/schema.ts';
import type { Vocabulary } from '../datasets/schema.ts';

// ------------------------------------------------------------------ the schema

const NAME = /^[a-z][a-z0-9_]*$/;
const text = z.string().trim().min(1, 'must not be empty');
const name = text.regex(NAME, 'expected a name of lowercase letters, digits and `_`, such as `rescued`');

/** A word, phrase or /pattern/ that must compile. */
const word = text.superRefine((s, ctx) => {
  try {
    // As strict as the gazetteer's matchers, which compile stance cues with the `u` flag.
    new RegExp(wordSource(s.replaceAll('{actor}', 'x'), 'x'), 'iu');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(e as Error).message}` });
  }
});
const words = z.array(word).default([]);

const measureSchema = z.strictObject({
  name,
  label: text.optional(),
  /** For the datasets' documentation (data/README.md): what the measure counts. */
  meaning: text.optional(),
  words,
  verbs: z.array(word).optional(),
  nouns: words,
  tolls: words,
});

const groupSchema = z.strictObject({ name, label: text, words });
const familySchema = z.strictObject({ name, label: text });

const stanceSchema = z.strictObject({
  name,
  label: text.optional(),
  /** For the datasets' documentation (data/README.md): what the stance covers. */
  meaning: text.optional(),
  cameo: z
    .union([text, z.number().transform(String)])
    .nullable()
    .optional(),
  family: name.optional(),
  agent: z.enum(['speaker', 'subject']).optional(),
  cues: words,
  agent_after: words,
  not_after: words,
});

const codebookSchema = z.strictObject({
  measures: z.array(measureSchema).default([]),
  groups: z.array(groupSchema).default([]),
  families: z.array(familySchema).default([]),
  stances: z.array(stanceSchema).default([]),
  /** The measures the story's charts show, in order; all of them when left out. */
  charts: z.array(name).optional(),
});

/** A codebook's files validated and merged (readCodebooks): plain data, which a derive keeps as JSON beside its extraction cache. */
export type CodebookData = z.infer<typeof codebookSchema>;

// ------------------------------------------------------------- the codebook

export interface MeasureEntry {
  name: string;
  label: string;
  meaning: string;
  /** After a count: "26 were killed". */
  words: string[];
  /** Before a count, whose object it is: "killing 10". */
  verbs: string[];
  /** Before "of <count>": "the arrest of 2,000". */
  nouns: string[];
  /** A toll's head before its figure: "the death toll rose to". */
  tolls: string[];
}

export interface GroupEntry {
  name: string;
  label: string;
  words: string[];
}

export interface StanceEntry {
  name: string;
  label: string;
  meaning: string;
  cameo: string | null;
  family: string;
  agent: 'speaker' | 'subject';
  cues: string[];
  agent_after: string[];
  not_after: string[];
}

export interface Codebook extends Vocabulary {
  file: string;
  measureEntries: MeasureEntry[];
  groupEntries: GroupEntry[];
  families: { name: string; label: string }[];
  stanceEntries: StanceEntry[];
  /** The measures the charts show, in order. */
  charts: string[];
  measureLabel: (measure: string) => string;
  stanceLabel: (stance: string) => string;
  groupLabel: (group: string) => string;
  familyOf: (stance: string) => string;
}

/** Thrown by `parseCodebooks`: every problem, each on the VFile of its codebook file (the field at fault named in its reason). */
export class CodebookError extends Error {
  readonly issues: VFileMessage[];

  constructor(issues: VFileMessage[]) {
    super(describeAll(issues));
    this.name = 'CodebookError';
    this.issues = issues;
  }
}

/** A problem in a codebook file: rule `codebook`, the field at fault named. */
function issue(file: VFile, field: string, place: { line: number; column: number }, reason: string): VFileMessage {
  return failAtField(file, reason, place, field, 'codebook');
}

/** One codebook file: the base one, or a story's additions to it. */
export interface CodebookSource {
  text: string;
  path: string;
}

/**
 * The base codebook and a story's additions, as one. Each file is validated
 * on its own, so a problem is reported in the file and at its place. Throws
 * `CodebookError` listing every problem.
 */
export function parseCodebooks(sources: readonly CodebookSource[]): Codebook {
  return codebookFrom(readCodebooks(sources), sources);
}

/** The Codebook of data readCodebooks gave for `sources` (their paths name it in messages). */
export function codebookFrom(data: CodebookData, sources: readonly { path: string }[]): Codebook {
  return compile(data, sources.map((s) => s.path).join(' + '));
}

/** The base codebook and a story's additions validated and merged (parseCodebooks without compiling them); throws CodebookError. */
export function readCodebooks(sources: readonly CodebookSource[]): CodebookData {
  const issues: VFileMessage[] = [];
  const parsed: {
    data: CodebookData;
    file: string;
    vfile: VFile;
    where: (path: (string | number)[]) => { line: number; column: number };
  }[] = [];
  for (const { text: yamlText, path: file } of sources) {
    const vfile = new VFile({ path: file });
    const one = parseOne(yamlText, vfile);
    if ('issues' in one) issues.push(...one.issues);
    else parsed.push({ ...one, file, vfile });
  }
  if (issues.length > 0) throw new CodebookError(issues);
  const [base] = parsed;
  if (!base || base.data.measures.length === 0) {
    const file = new VFile({ path: sources[0]?.path ?? 'codebook.yaml' });
    throw new CodebookError([issue(file, 'measures', { line: 1, column: 1 }, 'expected at least one measure')]);
  }
  issues.push(...crossCheck(parsed));
  if (issues.length > 0) throw new CodebookError(issues);
  return mergeData(parsed.map((p) => p.data));
}

export function parseCodebook(yamlText: string, file = 'codebook.yaml'): Codebook {
  return parseCodebooks([{ text: yamlText, path: file }]);
}

/** The base codebook, data/codebook.yaml beside this code: for callers (tests, tools) that have no story. */
let baseCodebook: Codebook | null = null;
export function defaultCodebook(): Codebook {
  const url = new URL('../../data/codebook.yaml', import.meta.url);
  baseCodebook ??= parseCodebook(readFileSync(url, 'utf8'), 'data/codebook.yaml');
  return baseCodebook;
}

function parseOne(
  yamlText: string,
  file: VFile,
):
  | { data: CodebookData; where: (path: (string | number)[]) => { line: number; column: number } }
  | { issues: VFileMessage[] } {
  const { doc, at } = parseYamlWithPlaces(yamlText);
  if (doc.errors.length > 0)
    return { issues: doc.errors.map((e) => issue(file, '', at(e.pos[0]), `YAML: ${e.message.split('\n')[0]}`)) };
  const read = yamlData(doc);
  if ('message' in read) return { issues: [issue(file, '', at(read.offset), `YAML: ${read.message}`)] };
  const result = codebookSchema.safeParse(read.data ?? {});
  if (!result.success) {
    const sorted = [...result.error.issues].sort(
      (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
    );
    return {
      issues: sorted.map((zodIssue) => {
        const keys = zodIssue.code === 'unrecognized_keys' ? zodIssue.keys : [];
        const reason = keys.length > 0 ? `unknown field ${keys.map((k) => `"${k}"`).join(', ')}` : zodIssue.message;
        const place = at(locate(doc, zodIssue.path as (string | number)[], keys[0]));
        return issue(file, zodIssue.path.map(String).join('.'), place, reason);
      }),
    };
  }
  return { data: result.data, where: (path) => at(locate(doc, path)) };
}

/** Names defined twice in a file, a new measure or stance without a label, a family or chart that does not exist. */
function crossCheck(
  parsed: readonly {
    data: CodebookData;
    vfile: VFile;
    where: (path: (string | number)[]) => { line: number; column: number };
  }[],
): VFileMessage[] {
  const issues: VFileMessage[] = [];
  const measures = new Set<string>();
  const stances = new Set<string>();
  const families = new Set(parsed.flatMap((p) => p.data.families.map((f) => f.name)));
  const allMeasures = new Set(parsed.flatMap((p) => p.data.measures.map((m) => m.name)));
  for (const p of parsed) {
    const at = (path: (string | number)[], reason: string) =>
      issues.push(issue(p.vfile, path.join('.'), p.where(path), reason));
    const own = new Set<string>();
    p.data.measures.forEach((m, i) => {
      if (own.has(m.name)) at(['measures', i, 'name'], `measure \`${m.name}\` is defined twice`);
      own.add(m.name);
      if (!measures.has(m.name) && m.label === undefined)
        at(
          ['measures', i],
          `Missing \`label\` on the new measure \`${m.name}\`: expected the words readers see, such as \`label: rescued alive\``,
        );
      if (!measures.has(m.name) && m.words.length === 0 && (m.verbs ?? []).length === 0 && m.nouns.length === 0)
        at(['measures', i], `Missing \`words\` on the new measure \`${m.name}\`: expected the words that signal it`);
      measures.add(m.name);
    });
    own.clear();
    p.data.stances.forEach((s, i) => {
      if (own.has(s.name)) at(['stances', i, 'name'], `stance \`${s.name}\` is defined twice`);
      own.add(s.name);
      if (!stances.has(s.name) && s.label === undefined)
        at(
          ['stances', i],
          `Missing \`label\` on the new stance \`${s.name}\`: expected the words readers see, such as \`label: condemns the attack\``,
        );
      if (s.family !== undefined && families.size > 0 && !families.has(s.family))
        at(
          ['stances', i, 'family'],
          `Unexpected family \`${s.family}\`: expected one of ${[...families].map((f) => `\`${f}\``).join(', ')}`,
        );
      stances.add(s.name);
    });
    p.data.groups.forEach((g, i) => {
      if (!(GROUPS as readonly string[]).includes(g.name))
        at(
          ['groups', i, 'name'],
          `Unexpected group \`${g.name}\`: expected one of ${GROUPS.map((x) => `\`${x}\``).join(', ')}`,
        );
    });
    (p.data.charts ?? []).forEach((m, i) => {
      if (!allMeasures.has(m))
        at(['charts', i], `Unexpected measure \`${m}\` under \`charts\`: expected a measure of the codebook`);
    });
  }
  return issues;
}

/** The files' entries one after the other; an entry of a name already defined adds its words to it. */
function mergeData(all: readonly CodebookData[]): CodebookData {
  const measures = new Map<string, CodebookData['measures'][number]>();
  const groups = new Map<string, CodebookData['groups'][number]>();
  const families = new Map<string, CodebookData['families'][number]>();
  const stances = new Map<string, CodebookData['stances'][number]>();
  let charts: string[] | undefined;
  for (const data of all) {
    for (const m of data.measures) {
      const base = measures.get(m.name);
      measures.set(
        m.name,
        base
          ? {
              name: m.name,
              label: m.label ?? base.label,
              meaning: m.meaning ?? base.meaning,
              words: [...base.words, ...m.words],
              verbs: m.verbs || base.verbs ? [...(base.verbs ?? []), ...(m.verbs ?? [])] : undefined,
              nouns: [...base.nouns, ...m.nouns],
              tolls: [...base.tolls, ...m.tolls],
            }
          : m,
      );
    }
    for (const g of data.groups) {
      const base = groups.get(g.name);
      groups.set(g.name, base ? { name: g.name, label: g.label, words: [...base.words, ...g.words] } : g);
    }
    for (const f of data.families) families.set(f.name, f);
    for (const s of data.stances) {
      const base = stances.get(s.name);
      stances.set(
        s.name,
        base
          ? {
              ...base,
              label: s.label ?? base.label,
              meaning: s.meaning ?? base.meaning,
              cameo: s.cameo ?? base.cameo,
              family: s.family ?? base.family,
              agent: s.agent ?? base.agent,
              cues: [...base.cues, ...s.cues],
              agent_after: [...base.agent_after, ...s.agent_after],
              not_after: [...base.not_after, ...s.not_after],
            }
          : s,
      );
    }
    charts = data.charts ?? charts;
  }
  return {
    measures: [...measures.values()],
    groups: [...groups.values()],
    families: [...families.values()],
    stances: [...stances.values()],
    charts,
  };
}

function compile(data: CodebookData, file: string): Codebook {
  const measureEntries: MeasureEntry[] = data.measures.map((m) => ({
    name: m.name,
    label: m.label ?? m.name.replaceAll('_', ' '),
    meaning: m.meaning ?? m.label ?? m.name.replaceAll('_', ' '),
    words: m.words,
    // A story's measure gives its words only: they serve as verbs before a count too ("rescued 12").
    verbs: m.verbs ?? m.words.filter((w) => !w.split(/\s+/).includes('*')),
    nouns: m.nouns,
    tolls: m.tolls,
  }));
  const groupEntries: GroupEntry[] = GROUPS.map(
    (g) =>
      data.groups.find((e) => e.name === g) ?? {
        name: g,
        label: g === 'all' ? 'all people' : g.replaceAll('_', ' '),
        words: [],
      },
  );
  const families = data.families.length > 0 ? data.families : [{ name: 'restraint', label: 'stances' }];
  const fallbackFamily = families.find((f) => f.name === 'restraint')?.name ?? families[0]!.name;
  const stanceEntries: StanceEntry[] = data.stances.map((s) => ({
    name: s.name,
    label: s.label ?? s.name.replaceAll('_', ' '),
    meaning: s.meaning ?? s.label ?? s.name.replaceAll('_', ' '),
    cameo: s.cameo ?? null,
    family: s.family ?? fallbackFamily,
    agent: s.agent ?? 'speaker',
    cues: s.cues,
    agent_after: s.agent_after,
    not_after: s.not_after,
  }));
  const measureLabels = new Map(measureEntries.map((m) => [m.name, m.label]));
  const stanceLabels = new Map(stanceEntries.map((s) => [s.name, s.label]));
  const groupLabels = new Map(groupEntries.map((g) => [g.name, g.label]));
  const familyOf = new Map(stanceEntries.map((s) => [s.name, s.family]));
  return {
    file,
    measures: measureEntries.map((m) => m.name),
    stances: stanceEntries.map((s) => s.name),
    measureEntries,
    groupEntries,
    families,
    stanceEntries,
    charts: data.charts ?? measureEntries.map((m) => m.name),
    measureLabel: (m) => measureLabels.get(m) ?? m.replaceAll('_', ' '),
    stanceLabel: (s) => stanceLabels.get(s) ?? s.replaceAll('_', ' '),
    groupLabel: (g) => groupLabels.get(g) ?? g.replaceAll('_', ' '),
    familyOf: (s) => familyOf.get(s) ?? fallbackFamily,
  };
}

// ------------------------------------------------------------ word patterns

const isPattern = (s: string): boolean => s.length > 2 && s.startsWith('/') && s.endsWith('/');

/**
 * A word as a regular expression source: a /pattern/ as written, a phrase with
 * its spaces as any spacing and `*` ending a word as any letters. `count`
 * replaces a `*` standing alone (the count in a frame).
 */
export function wordSource(word: string, count = String.raw`[\w,.-]+`): string {
  if (isPattern(word)) return word.slice(1, -1);
  return word
    .trim()
    .split(/\s+/)
    .map((w) =>
      w === '*' ? count : w.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, String.raw`[A-Za-z\u00C0-\u024F'’-]*`),
    )
    .join(String.raw`\s+`);
}

/** Several words as one alternation, the longest written first so that the longest wins where two share a start. */
export function alternation(list: readonly string[]): string | null {
  if (list.length === 0) return null;
  return [...list]
    .sort((a, b) => b.length - a.length)
    .map((w) => `(?:${wordSource(w)})`)
    .join('|');
}

/** The base names, as the contract lists them: the codebook must define each. */
export function missingBaseNames(codebook: Codebook): string[] {
  return [
    ...BASE_MEASURES.filter((m) => !codebook.measures.includes(m)),
    ...BASE_STANCES.filter((s) => !codebook.stances.includes(s)),
  ];
}
