// One shape for every problem the commands print, whatever stage found it:
// `path:line:column  severity  message  (rule-id)` (CONTRACT §1).
import { relative } from 'node:path';
import type { VFile } from 'vfile';
import type { Article } from '../articles/article.ts';
import type { ArticleProblem } from '../articles/article.ts';
import type { Message } from '../extract/types.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  path: string;
  line: number;
  column: number;
  severity: Severity;
  reason: string;
  ruleId: string;
}

export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  const path = relative(cwd, d.path) || d.path;
  return `${path}:${d.line}:${d.column}  ${d.severity}  ${d.reason}  (${d.ruleId})`;
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const parts = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`);
  return parts.length === 0 ? '' : `✖ ${parts.join(', ')}`;
}

export function fromArticleProblem(path: string, problem: ArticleProblem): Diagnostic {
  return {
    path,
    line: problem.line,
    column: problem.column,
    severity: 'error',
    reason: problem.reason,
    ruleId: problem.ruleId,
  };
}

/** Problems a data file's parser found (review, timeline), positioned in that file. */
export function fromFileProblems(path: string, problems: readonly Omit<Diagnostic, 'path'>[]): Diagnostic[] {
  return problems.map((p) => ({
    path,
    line: p.line,
    column: p.column,
    severity: p.severity,
    reason: p.reason,
    ruleId: p.ruleId,
  }));
}

/** Where each line of an article's body starts, worked out once per article: positioning a message is then a binary search, not a scan of the body. */
const LINE_STARTS = new WeakMap<Article, number[]>();

function lineStarts(article: Article): number[] {
  let starts = LINE_STARTS.get(article);
  if (!starts) {
    starts = [0];
    for (let i = article.body.indexOf('\n'); i !== -1; i = article.body.indexOf('\n', i + 1)) starts.push(i + 1);
    LINE_STARTS.set(article, starts);
  }
  return starts;
}

/** An extraction message positioned by body offset → a file position. */
export function fromExtractionMessage(article: Article, message: Message): Diagnostic {
  const starts = lineStarts(article);
  // The last line that starts at or before the message.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= message.start) lo = mid;
    else hi = mid - 1;
  }
  const lineInBody = lo;
  const column = message.start - starts[lo]! + 1;
  return {
    path: article.path,
    line: article.bodyLine + lineInBody,
    column,
    severity: message.severity,
    reason: message.reason,
    ruleId: message.ruleId,
  };
}

export function fromVFile(file: VFile): Diagnostic[] {
  return file.messages.map((message) => ({
    path: file.path,
    line: message.line ?? 1,
    column: message.column ?? 1,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    reason: message.reason,
    ruleId: message.ruleId ?? 'newsbook',
  }));
}
