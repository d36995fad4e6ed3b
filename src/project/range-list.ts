// Where each article's rows are in a dataset's files (RowsRange), in the
// files' order, as a derive notes them for the next one (its stamp): one for
// every article and dataset, held to the end of the derive. As tuples they
// took some 107 bytes each (the array, its elements, and the offsets past
// 2^30 as numbers of their own on the heap): at 100,000 articles, 300,000 of
// them held 32 MB. Here the ids are a column and the four offsets another,
// some 36 bytes a range.
import type { RowsRange } from './dataset-writer.ts';

/** Offsets a range has: its JSON elements' start and end, then its CSV lines'. */
const OFFSETS = 4;

export class RangeList implements Iterable<RowsRange> {
  readonly #ids: string[] = [];
  /** The ranges' offsets, OFFSETS a range, in a buffer grown by doubling (exact up to 2^53 bytes). */
  #offsets = new Float64Array(OFFSETS * 256);

  get length(): number {
    return this.#ids.length;
  }

  /** The next range, given by its parts (no tuple made for it). */
  add(id: string, jsonStart: number, jsonEnd: number, csvStart: number, csvEnd: number): void {
    const at = this.#ids.length * OFFSETS;
    if (at + OFFSETS > this.#offsets.length) {
      const grown = new Float64Array(this.#offsets.length * 2);
      grown.set(this.#offsets);
      this.#offsets = grown;
    }
    const o = this.#offsets;
    o[at] = jsonStart;
    o[at + 1] = jsonEnd;
    o[at + 2] = csvStart;
    o[at + 3] = csvEnd;
    this.#ids.push(id);
  }

  /** The range at `index` (a tuple made for the asking), or undefined past the end. */
  at(index: number): RowsRange | undefined {
    const id = this.#ids[index];
    if (id === undefined) return undefined;
    const o = this.#offsets;
    const at = index * OFFSETS;
    return [id, o[at]!, o[at + 1]!, o[at + 2]!, o[at + 3]!];
  }

  *[Symbol.iterator](): Iterator<RowsRange> {
    for (let i = 0; i < this.#ids.length; i += 1) yield this.at(i)!;
  }

  /** As JSON, the array of its tuples (the stamp writes it a piece at a time instead: stamp-file.ts). */
  toJSON(): RowsRange[] {
    return [...this];
  }
}
