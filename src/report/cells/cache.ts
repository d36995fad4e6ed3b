// What the live preview keeps of the cells between two builds. Cells only
// depend on their own code, the inline expressions and the data, so a save
// that changes the prose around them reuses their output instead of running
// them again: a story with cells previews as fast as one without.
import type { PhrasingContent, RootContent } from 'mdast';

export interface CellOutputs {
  /** Per cell, in order: what replaced it in the tree. */
  cells: RootContent[][];
  /** Per text node with `${…}`, in order: what replaced it. */
  inlines: PhrasingContent[][];
}

export class CellCache {
  #signature: string | null = null;
  #outputs: CellOutputs | null = null;
  /** Builds that took the cells' output from here. */
  hits = 0;

  /** `version`: changes whenever the data do (the preview's data version). */
  constructor(private readonly version: () => unknown) {}

  /** The outputs of a build with the same cells, expressions and data, copied (later plugins change the tree); or null. */
  get(code: readonly string[]): CellOutputs | null {
    if (this.#outputs === null || this.#signature !== this.#sign(code)) return null;
    this.hits++;
    return structuredClone(this.#outputs);
  }

  /** Keeps the outputs of a build without errors. */
  set(code: readonly string[], outputs: CellOutputs): void {
    this.#signature = this.#sign(code);
    this.#outputs = structuredClone(outputs);
  }

  #sign(code: readonly string[]): string {
    return JSON.stringify([this.version(), code]);
  }
}
