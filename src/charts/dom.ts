// Plot renders into a DOM; at build time that DOM is jsdom's. jsdom is slow to
// import (about a second here), so it is loaded once, on first use.
let documentPromise: Promise<Document> | undefined;

export function chartDocument(): Promise<Document> {
  documentPromise ??= import('jsdom').then(({ JSDOM }) => new JSDOM('<!doctype html><html><body></body></html>').window.document);
  return documentPromise;
}
