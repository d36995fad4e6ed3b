// A content hash of everything a derivation depends on: when it matches the
// one stored beside the datasets, re-deriving would give the same bytes.
import { createHash } from 'node:crypto';

export function fingerprint(entries: Iterable<readonly [name: string, content: string | Uint8Array]>): string {
  const hash = createHash('sha256');
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, content] of sorted) {
    // Length-prefixed, so no two different inputs can hash alike by concatenation.
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return `sha256:${hash.digest('hex')}`;
}

export interface Manifest {
  inputs: string;
}

export const MANIFEST = 'manifest.json';

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function parseManifest(text: string | null): Manifest | null {
  if (text === null) return null;
  try {
    const data = JSON.parse(text) as Partial<Manifest>;
    return typeof data.inputs === 'string' ? { inputs: data.inputs } : null;
  } catch {
    return null;
  }
}
