// One problem type: a VFileMessage made by fail/warn/info on a file's VFile,
// printed in the contract's one-line shape (CONTRACT §1), with a summary that
// counts the errors and warnings.
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { formatProblem, formatSummary, placeOf, problemJson } from '../../src/common/problem-lines.ts';
import { byPlace, fail, failAtField, info, reportAt, severityOf, warn } from '../../src/common/problems.ts';

const cwd = '/project';
const file = () => new VFile({ path: join(cwd, 'data/story/review.yaml') });

describe('fail, warn and info', () => {
  it('report on the file, at the place, with the rule, from newsbook', () => {
    const f = file();
    const error = fail(f, 'Missing field `quote`', { line: 3, column: 5 }, 'review-field');
    const warning = warn(f, 'Unexpected review entry', { line: 7, column: 3 }, 'review-unmatched');
    const note = info(f, 'A passage in another language', { line: 9, column: 1 }, 'passage-not-extracted');
    expect(f.messages).toEqual([error, warning, note]);
    expect(error).toMatchObject({ file: f.path, line: 3, column: 5, ruleId: 'review-field', source: 'newsbook' });
    expect([error.fatal, warning.fatal, note.fatal]).toEqual([true, false, undefined]);
    expect([error, warning, note].map(severityOf)).toEqual(['error', 'warning', 'info']);
  });

  it('name the field of a YAML file at fault, and a file at a path without its VFile', () => {
    const field = failAtField(file(), 'unknown field "alias"', { line: 4, column: 5 }, 'actors.0', 'gazetteer');
    expect(field.reason).toBe('unknown field "alias" (at `actors.0`)');
    expect(failAtField(file(), 'YAML: bad', { line: 1, column: 2 }, '', 'gazetteer').reason).toBe('YAML: bad');
    expect(reportAt('a/001.md', 'warning', 'x', { line: 1, column: 1 }, 'r')).toMatchObject({
      file: 'a/001.md',
      fatal: false,
    });
  });
});

describe('formatProblem and formatSummary', () => {
  it('print each kind as `path:line:column  severity  message  (rule-id)`, the path relative', () => {
    const f = file();
    const lines = [
      fail(f, 'Missing field `quote` in the review entry', { line: 3, column: 5 }, 'review-field'),
      warn(f, 'Unexpected review entry that matches no figure', { line: 7, column: 3 }, 'review-unmatched'),
      info(f, 'Cannot extract casualty figures', { line: 9, column: 1 }, 'passage-not-extracted'),
    ].map((m) => formatProblem(m, cwd));
    expect(lines).toEqual([
      'data/story/review.yaml:3:5  error  Missing field `quote` in the review entry  (review-field)',
      'data/story/review.yaml:7:3  warning  Unexpected review entry that matches no figure  (review-unmatched)',
      'data/story/review.yaml:9:1  info  Cannot extract casualty figures  (passage-not-extracted)',
    ]);
  });

  it('print a message without a place at 1:1, and one without a rule as newsbook', () => {
    const message = new VFile({ path: '/elsewhere/story.md' }).message('A plugin note');
    message.fatal = true;
    expect(formatProblem(message, cwd)).toBe('../elsewhere/story.md:1:1  error  A plugin note  (newsbook)');
    expect(placeOf(message, '/elsewhere')).toBe('story.md:1:1');
  });

  it('count the errors and warnings (infos are not counted), or say nothing when there are none', () => {
    const f = file();
    const messages = [
      fail(f, 'a', { line: 1, column: 1 }, 'r'),
      warn(f, 'b', { line: 2, column: 1 }, 'r'),
      fail(f, 'c', { line: 3, column: 1 }, 'r'),
      info(f, 'd', { line: 4, column: 1 }, 'r'),
    ];
    expect(formatSummary(messages)).toBe('✖ 2 errors, 1 warning');
    expect(formatSummary(messages.slice(1, 2))).toBe('✖ 1 warning');
    expect(formatSummary(messages.slice(0, 1))).toBe('✖ 1 error');
    expect(formatSummary(messages.slice(3))).toBe('');
    expect(formatSummary([])).toBe('');
  });

  it('order messages by file, line and column, and give the dev server plain JSON', () => {
    const a = reportAt('b.md', 'error', 'x', { line: 2, column: 9 }, 'r');
    const b = reportAt('a.md', 'warning', 'y', { line: 5, column: 1 }, 'r');
    const c = reportAt('b.md', 'error', 'z', { line: 2, column: 3 }, 'r');
    expect([a, b, c].sort(byPlace)).toEqual([b, c, a]);
    expect(problemJson(b)).toEqual({ path: 'a.md', line: 5, column: 1, severity: 'warning', reason: 'y', ruleId: 'r' });
  });
});
