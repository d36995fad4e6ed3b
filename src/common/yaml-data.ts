// A parsed YAML document as plain data. Every file the editors write (front
// matter, gazetteer, review, timeline) goes through here, because turning a
// document into data can still fail after it parsed: an alias to no anchor
// (`id: *a`) or too many aliases (the "billion laughs"). That must be an
// error at the alias, in the editor's file, not an internal error. And the
// YAML library's own warnings (a `{a: 1}: x` key is written as text) would
// reach the terminal as Node warnings: the schemas that read the data report
// such a key as unexpected, at its place, instead.
import { visit } from 'yaml';
import type { Document } from 'yaml';

export type YamlData = { data: unknown } | { offset: number; message: string };

export function yamlData(doc: Document): YamlData {
  doc.options.logLevel = 'error';
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    let offset = 0;
    visit(doc, { Alias: (_, node) => ((offset = node.range?.[0] ?? 0), visit.BREAK) });
    return { offset, message: ((error as Error).message ?? String(error)).split('\n')[0]! };
  }
}
