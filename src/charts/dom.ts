// Plot renders into a DOM; at build time that DOM is linkedom's, a small DOM
// that imports in about a tenth of a second where jsdom takes over a second
// (most of a cold `npm run report`). Plot needs only elements, attributes and
// text from it; the SVG it gives is the same, attribute order aside.
import type {} from 'linkedom';

let documentPromise: Promise<Document> | undefined;

export function chartDocument(): Promise<Document> {
  documentPromise ??= import('linkedom').then(
    ({ parseHTML }) => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document,
  );
  return documentPromise;
}
