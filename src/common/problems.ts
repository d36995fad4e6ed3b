// One way to report a problem in a file an editor writes: a message on its
// VFile, at a place, with the rule that found it, from newsbook. An error
// (`fail`) stops the build of the page; a warning (`warn`) is shown and the
// page is built all the same; an `info` is a note (the derive lists the
// extraction's; the preview and the tallies leave them out).
import type { Point, Position } from 'unist';
import { VFile } from 'vfile';

/** vfile-message's class, as vfile's types give it (vfile-message is vfile's dependency, not ours). */
export type VFileMessage = ReturnType<VFile['message']>;

export type Place = Point | Position | null | undefined;

/** What `message.fatal` means: true an error, false a warning, null or undefined an info. */
export type Severity = 'error' | 'warning' | 'info';

export function fail(file: VFile, reason: string, place: Place, ruleId: string): VFileMessage {
  return report(file, 'error', reason, place, ruleId);
}

export function warn(file: VFile, reason: string, place: Place, ruleId: string): VFileMessage {
  return report(file, 'warning', reason, place, ruleId);
}

export function info(file: VFile, reason: string, place: Place, ruleId: string): VFileMessage {
  return report(file, 'info', reason, place, ruleId);
}

export function report(file: VFile, severity: Severity, reason: string, place: Place, ruleId: string): VFileMessage {
  // A VFileMessage is an Error, but here it is data, never thrown: capturing a
  // stack for it would be most of its cost (an article may have thousands) and say nothing.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let message: VFileMessage;
  try {
    message = file.message(reason, { place, ruleId, source: 'newsbook' });
  } finally {
    Error.stackTraceLimit = limit;
  }
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

export function isError(message: VFileMessage): boolean {
  return message.fatal === true;
}

/**
 * A message about the file at `path` from outside its parser: the file cannot
 * be read, or a check that looks at several files finds it at fault.
 */
export function reportAt(path: string, severity: Severity, reason: string, place: Place, ruleId: string): VFileMessage {
  return report(new VFile({ path }), severity, reason, place, ruleId);
}

/** In file order: by path, then line, then column (a message without a place is at 1:1, where it is printed). */
export function byPlace(a: VFileMessage, b: VFileMessage): number {
  const pa = a.file ?? '';
  const pb = b.file ?? '';
  return (pa < pb ? -1 : pa > pb ? 1 : 0) || (a.line ?? 1) - (b.line ?? 1) || (a.column ?? 1) - (b.column ?? 1);
}

/** A problem with a field of a YAML file an editor writes: the field's dotted path is named too, as `(at \`actors.3.type\`)`. */
export function failAtField(file: VFile, reason: string, place: Place, field: string, ruleId: string): VFileMessage {
  return fail(file, field ? `${reason} (at \`${field}\`)` : reason, place, ruleId);
}

/** The messages of an Error that carries several (the gazetteer's, the codebook's), one `file:line:column  reason` a line. */
export function describeAll(messages: readonly VFileMessage[]): string {
  return messages.map((m) => `${m.file}:${m.line ?? 1}:${m.column ?? 1}  ${m.reason}`).join('\n');
}
