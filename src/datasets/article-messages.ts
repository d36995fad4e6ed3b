// An article's extraction messages (src/extract/types.ts: offsets in its body,
// the extractor's own output, kept cheap on its hot path) as the commands
// report them: VFileMessages at file positions, on a VFile for the article.
import type { Point } from 'unist';
import { VFile } from 'vfile';
import type { Article } from '../articles/article.ts';
import { report } from '../common/problems.ts';
import type { Severity, VFileMessage } from '../common/problems.ts';
import type { Message } from '../extract/types.ts';

/**
 * An extraction message positioned in its file, as plain data: the form in
 * which messages cross the worker-thread boundary and sit in the extraction
 * cache (a VFileMessage is an Error, which neither postMessage nor JSON keeps
 * whole). It becomes a VFileMessage (toVFileMessages) on the main thread as
 * soon as it is read back.
 */
export interface SerialMessage extends Point {
  severity: Severity;
  reason: string;
  ruleId: string;
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

/** The file position of an offset in the article's body. */
export function placeInArticle(article: Article, offset: number): Point {
  const starts = lineStarts(article);
  // The last line that starts at or before the offset.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: article.bodyLine + lo, column: offset - starts[lo]! + 1 };
}

export function serialMessages(article: Article, messages: readonly Message[]): SerialMessage[] {
  return messages.map((m) => ({
    ...placeInArticle(article, m.start),
    severity: m.severity,
    reason: m.reason,
    ruleId: m.ruleId,
  }));
}

/** Serialised messages of the article at `path`, reported on one VFile for it. */
export function toVFileMessages(path: string, messages: readonly SerialMessage[]): VFileMessage[] {
  if (messages.length === 0) return [];
  const file = new VFile({ path });
  return messages.map((m) => report(file, m.severity, m.reason, { line: m.line, column: m.column }, m.ruleId));
}

/** An article's extraction messages, reported on a VFile for it. */
export function articleMessages(article: Article, messages: readonly Message[]): VFileMessage[] {
  return toVFileMessages(article.path, serialMessages(article, messages));
}
