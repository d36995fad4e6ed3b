// Every problem the commands print, whatever stage found it, is a VFileMessage
// printed on one line: `path:line:column  severity  message  (rule-id)`
// (CONTRACT §1), and a summary such as `✖ 2 errors, 1 warning`.
// vfile-reporter is not used: it groups messages under a header line per file
// and prints the rule without parentheses, so it cannot print the contract's
// one-line shape that editors' tools and the tests read.
import { relative } from 'node:path';
import { severityOf } from './problems.ts';
import type { VFileMessage } from './problems.ts';

export function formatProblem(message: VFileMessage, cwd = process.cwd()): string {
  return `${placeOf(message, cwd)}  ${severityOf(message)}  ${message.reason}  (${message.ruleId ?? 'newsbook'})`;
}

export function formatSummary(messages: readonly VFileMessage[]): string {
  const count = (severity: string) => messages.filter((m) => severityOf(m) === severity).length;
  const parts = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`);
  return parts.length === 0 ? '' : `✖ ${parts.join(', ')}`;
}

/** `path:line:column` of a message, the path relative to `cwd`. */
export function placeOf(message: VFileMessage, cwd = process.cwd()): string {
  const file = message.file ?? '';
  return `${relative(cwd, file) || file}:${message.line ?? 1}:${message.column ?? 1}`;
}

/**
 * A message as plain JSON, for the dev server's event stream: a VFileMessage
 * is an Error, whose JSON has no severity and no path by those names, and the
 * stream's readers (the preview's client, the tests) keep the shape they had.
 */
export function problemJson(message: VFileMessage) {
  return {
    path: message.file ?? '',
    line: message.line ?? 1,
    column: message.column ?? 1,
    severity: severityOf(message),
    reason: message.reason,
    ruleId: message.ruleId ?? 'newsbook',
  };
}
