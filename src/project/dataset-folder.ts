// Whether the files of a datasets folder belong together. The derive swaps
// its files in one by one (files.ts) and writes the manifest last, recording
// the hash of every other file; a run killed during the swap leaves some
// files new and some old. Such a folder is never reused: `report` and the dev
// preview derive again, and `check` says so.
import { join } from 'node:path';
import { ANY_SIZE, readRegularFile } from '../articles/read-regular-file.ts';
import { MANIFEST, parseManifest } from '../datasets/fingerprint.ts';
import { matchesFileHash } from './file-hash.ts';

export type FolderState =
  | { consistent: true }
  /** `file`: the first file that is not what the manifest records (the manifest itself when it records nothing). */
  | { consistent: false; file: string; reason: string }
  | { consistent: null; reason: string };

/** Checks every file the manifest records against its hash; `consistent: null` when there is no manifest, or it records no hashes. */
export async function datasetFolderState(dir: string): Promise<FolderState> {
  const bytes = await readRegularFile(join(dir, MANIFEST), ANY_SIZE);
  if (!(bytes instanceof Uint8Array))
    return bytes.missing
      ? { consistent: null, reason: 'no manifest' }
      : { consistent: false, file: MANIFEST, reason: `the manifest cannot be read (${bytes.reason})` };
  const manifest = parseManifest(Buffer.from(bytes).toString('utf8'));
  if (manifest === null) return { consistent: false, file: MANIFEST, reason: 'the manifest cannot be read' };
  // An older newsbook's manifest: nothing to check against; not trusted for reuse, but no sign of an interrupted write either.
  if (manifest.files === undefined)
    return { consistent: null, reason: 'the manifest records no file hashes (written by an older newsbook)' };
  for (const [name, hash] of Object.entries(manifest.files)) {
    const content = await readRegularFile(join(dir, name), ANY_SIZE);
    if (!(content instanceof Uint8Array))
      return {
        consistent: false,
        file: name,
        reason: content.missing ? `${name} is missing` : `${name} cannot be read (${content.reason})`,
      };
    if (!matchesFileHash(content, hash))
      return { consistent: false, file: name, reason: `${name} is not the file the last derive wrote with the others` };
  }
  return { consistent: true };
}
