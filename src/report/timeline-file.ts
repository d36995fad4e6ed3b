// report/timeline.yaml: the key events an editor puts on the timeline chart.
// Each event carries the words of the article it comes from, so the chart's
// events stay as traceable as the extracted figures. Pure: text in, events
// and positioned problems out; the CLI reads the file.
import type { VFile } from 'vfile';
import * as z from 'zod';
import type { TimelineEvent } from '../charts/timeline-events.ts';
import { fail } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { sortProblems } from '../datasets/review.ts';
import { locate, parseYamlWithPlaces } from '../common/yaml-places.ts';
import type { Place } from '../common/yaml-places.ts';
import { expected } from '../common/suggest.ts';
import { yamlData } from '../common/yaml-data.ts';
import { ARTICLE_ID, ARTICLE_ID_RULE } from '../datasets/schema.ts';

/** Each field and what it holds, for messages about a missing one. */
const FIELDS = {
  id: 'a short name, unique in the file',
  day: 'the day it happened, YYYY-MM-DD',
  text: 'what happened, in one line',
  article: 'the id of the article it comes from, in quotes, such as "003" or "quake-01"',
  quote: 'words copied from the article',
  day_basis: 'how the day follows from the quote',
} as const;

const eventSchema = z.strictObject({
  id: z.string().regex(/^[\w-]+$/, 'a short name of letters, digits, `-` or `_`'),
  day: z.iso.date('a day written YYYY-MM-DD'),
  text: z.string().trim().min(1, 'what happened, in one line'),
  // An unquoted 000 reads as the number 0: say how to write it.
  article: z
    .string(`an article id in quotes: ${ARTICLE_ID_RULE}`)
    .regex(ARTICLE_ID, `an article id: ${ARTICLE_ID_RULE}`),
  quote: z.string().trim().min(1, 'words copied from the article'),
  day_basis: z.string().trim().min(1, 'how the day follows from the quote'),
});

const fileSchema = z.strictObject({ events: z.array(z.unknown()) });

export interface TimelineFile {
  events: TimelineEvent[];
  /** Where each event starts in the file, in the order of `events`. */
  places: Place[];
  /** Reported on the timeline's file, in file order. */
  problems: VFileMessage[];
}

/** The events of the timeline file's YAML (`file.value`), or its problems, reported on `file`. */
export function parseTimelineEvents(file: VFile): TimelineFile {
  const { doc, at } = parseYamlWithPlaces(String(file.value ?? ''));
  const problem = (offset: number, reason: string, ruleId: string) => fail(file, reason, at(offset), ruleId);
  const failed = (problems: VFileMessage[]): TimelineFile => ({ events: [], places: [], problems });
  if (doc.errors.length > 0)
    return failed(
      doc.errors.map((e) =>
        problem(e.pos[0], `Cannot parse the timeline file: ${e.message.split('\n')[0]}`, 'timeline-yaml'),
      ),
    );

  const read = doc.contents === null ? { data: { events: [] } } : yamlData(doc);
  if ('message' in read)
    return failed([problem(read.offset, `Cannot parse the timeline file: ${read.message}`, 'timeline-yaml')]);
  const listed = fileSchema.safeParse(read.data);
  if (!listed.success)
    return failed([problem(0, 'Unexpected timeline file: expected an `events:` list', 'timeline-yaml')]);

  const events: TimelineEvent[] = [];
  const places: Place[] = [];
  const problems: VFileMessage[] = [];
  const seen = new Set<string>();
  listed.data.events.forEach((raw, i) => {
    const start = locate(doc, ['events', i]);
    const result = eventSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
        const field = typeof key === 'string' ? key : null;
        const offset = field ? locate(doc, ['events', i, field]) : start;
        if (issue.code === 'unrecognized_keys') {
          for (const name of issue.keys)
            problems.push(
              problem(
                locate(doc, ['events', i], name),
                `Unexpected field \`${name}\` in event ${i + 1}: ${expected(name, Object.keys(FIELDS))}`,
                'timeline-field',
              ),
            );
        } else if (field && (raw as Record<string, unknown> | null)?.[field] === undefined) {
          problems.push(
            problem(
              start,
              `Missing \`${field}\` in event ${i + 1}: expected ${FIELDS[field as keyof typeof FIELDS] ?? issue.message}`,
              'timeline-field',
            ),
          );
        } else {
          problems.push(
            problem(
              offset,
              `Unexpected \`${field ?? 'event'}\` in event ${i + 1}: expected ${issue.message}`,
              'timeline-value',
            ),
          );
        }
      }
      return;
    }
    if (seen.has(result.data.id))
      problems.push(
        problem(
          locate(doc, ['events', i, 'id']),
          `Unexpected duplicate event id \`${result.data.id}\`: expected each event to have its own`,
          'timeline-id',
        ),
      );
    seen.add(result.data.id);
    events.push(result.data);
    places.push(at(start));
  });
  return problems.length > 0 ? failed(sortProblems(problems)) : { events, places, problems: [] };
}

/** Events whose article is unknown or does not contain their quote, word for word: reported on `file`, the timeline's. */
export function checkTimelineQuotes(
  timeline: TimelineFile,
  bodies: ReadonlyMap<string, string>,
  file: VFile,
): VFileMessage[] {
  const problems: VFileMessage[] = [];
  timeline.events.forEach((event, i) => {
    const place = timeline.places[i] ?? { line: 1, column: 1 };
    const body = bodies.get(event.article);
    if (body === undefined) {
      const reason = `Unexpected article \`${event.article}\` in event ${event.id}: no such article, ${expected(event.article, [...bodies.keys()])}`;
      problems.push(fail(file, reason, place, 'timeline-article'));
    } else if (!body.includes(event.quote)) {
      const reason = `Unexpected quote in event ${event.id}: article ${event.article} does not contain “${event.quote}”; copy the words exactly`;
      problems.push(fail(file, reason, place, 'timeline-quote'));
    }
  });
  return problems;
}
