// The one order of ids and file names: by UTF-16 code units, as `<` compares
// strings, never by locale. The derive writes its rows in this order, and
// every module that merges or looks up rows by id must sort the same way.
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
