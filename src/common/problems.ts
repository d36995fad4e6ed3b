// One way to report a problem in a file an editor writes: a message on its
// VFile, at a place, with the rule that found it, from newsbook. An error
// (`fail`) stops the build of the page; a warning (`warn`) is shown and the
// page is built all the same.
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

type VFileMessage = ReturnType<VFile['message']>;

export type Place = Point | Position | null | undefined;

export function fail(file: VFile, reason: string, place: Place, ruleId: string): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: 'newsbook' });
  message.fatal = true;
  return message;
}

export function warn(file: VFile, reason: string, place: Place, ruleId: string): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: 'newsbook' });
  message.fatal = false;
  return message;
}
