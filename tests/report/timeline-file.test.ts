import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/project/files.ts';
import { PATHS } from '../story.ts';
import { checkTimelineQuotes, parseTimelineEvents } from '../../src/report/timeline-file.ts';
import { VFile } from 'vfile';

const EVENT = `  - id: e1
    day: 2022-01-02
    text: Protests break out
    article: "000"
    quote: erupted last Sunday
    day_basis: “last Sunday”
`;

const parse = (yaml: string) => parseTimelineEvents(new VFile({ path: 'timeline.yaml', value: yaml }));
const problems = (yaml: string) => parse(yaml).problems.map((p) => `${p.line}:${p.column} ${p.ruleId} ${p.reason}`);

describe('report/kazakhstan-unrest.timeline.yaml', () => {
  it('gives events whose every quote is, word for word, in its article', async () => {
    const vfile = new VFile({ path: PATHS.timeline, value: readFileSync(PATHS.timeline, 'utf8') });
    const file = parseTimelineEvents(vfile);
    expect(file.problems).toEqual([]);
    expect(file.events.length).toBeGreaterThan(5);
    const { articles } = await loadArticles(PATHS.articles);
    expect(checkTimelineQuotes(file, new Map(articles.map((a) => [a.meta.id, a.body])), vfile)).toEqual([]);
  });

  it('reads an event with its place in the file', () => {
    const file = parse(`events:\n${EVENT}`);
    expect(file.events).toEqual([
      {
        id: 'e1',
        day: '2022-01-02',
        text: 'Protests break out',
        article: '000',
        quote: 'erupted last Sunday',
        day_basis: '“last Sunday”',
      },
    ]);
    expect(file.places).toEqual([{ line: 2, column: 5 }]);
  });

  it('reports an unknown field with the nearest known one', () => {
    expect(problems(`events:\n${EVENT}    dya: 2022-01-03\n`)).toEqual([
      '8:5 timeline-field Unexpected field `dya` in event 1: expected one of `id`, `day`, `text`, `article`, `quote`, `day_basis` (did you mean `day`?)',
    ]);
  });

  it('reports an unquoted article id, an invalid day and a missing field where they are', () => {
    const yaml = `events:\n${EVENT.replace('"000"', '000').replace('2022-01-02', '2022-13-02').replace('    text: Protests break out\n', '')}`;
    expect(problems(yaml)).toEqual([
      '2:5 timeline-field Missing `text` in event 1: expected what happened, in one line',
      '3:10 timeline-value Unexpected `day` in event 1: expected a day written YYYY-MM-DD',
      '4:14 timeline-value Unexpected `article` in event 1: expected an article id in quotes: letters, digits, `_` and `-`, such as "003" or "quake-01"',
    ]);
  });

  it('takes an article id by the same rule as the articles ("d01", "quake-01"), and refuses others', () => {
    for (const id of ['d01', 'quake-01', 'a_b'])
      expect(problems(`events:\n${EVENT.replace('"000"', `"${id}"`)}`), id).toEqual([]);
    expect(problems(`events:\n${EVENT.replace('"000"', '"d 01"')}`)[0]).toMatch(
      /^5:14 timeline-value Unexpected `article` in event 1: expected an article id: letters, digits/,
    );
  });

  it('reports a duplicate id, broken YAML and a file without `events:`', () => {
    expect(problems(`events:\n${EVENT}${EVENT}`)).toEqual([
      '8:9 timeline-id Unexpected duplicate event id `e1`: expected each event to have its own',
    ]);
    expect(problems('events:\n  - id: [e1\n')[0]).toMatch(/^\d+:\d+ timeline-yaml Cannot parse the timeline file/);
    expect(problems('- e1\n')).toEqual(['1:1 timeline-yaml Unexpected timeline file: expected an `events:` list']);
    expect(problems('events:\n  - id: *e1\n')).toEqual([
      expect.stringMatching(/^2:9 timeline-yaml Cannot parse the timeline file: Unresolved alias/),
    ]);
  });

  it('reports a quote that is not in its article, and an unknown article', () => {
    const vfile = new VFile({
      path: 'timeline.yaml',
      value: `events:\n${EVENT}${EVENT.replace('e1', 'e2').replace('"000"', '"009"')}`,
    });
    const file = parseTimelineEvents(vfile);
    const found = checkTimelineQuotes(file, new Map([['000', 'Protests erupted last Monday.']]), vfile);
    expect(found.map((p) => `${p.file}:${p.line}:${p.column} ${p.ruleId}`)).toEqual([
      'timeline.yaml:2:5 timeline-quote',
      'timeline.yaml:8:5 timeline-article',
    ]);
    expect(found[0]?.reason).toContain('does not contain “erupted last Sunday”');
    expect(found[1]?.reason).toContain('did you mean `000`?');
  });
});
