// Links and sources in the page may only point where a reader can safely go:
// the web, mail, a place in the page, (for our own downloads) a data: CSV, and
// an image written into the page as a data: picture (the page's policy allows
// those and nothing from outside; remote images never get this far).
// A `javascript:` link from an article or the narrative is removed, never run.
import type { Element, Root } from 'hast';
import { eachElement } from './each-element.ts';

const SAFE = /^(?:https?:|mailto:|#)/i;
const DOWNLOAD = /^data:text\/csv;/i;
const PICTURE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/i;
const URL_PROPERTIES = ['href', 'src', 'xLinkHref', 'action', 'formAction', 'poster', 'cite'] as const;

export default function rehypeSafeUrls() {
  return (tree: Root) => {
    eachElement(tree, (node: Element) => {
      for (const name of URL_PROPERTIES) {
        const value = node.properties[name];
        if (value === undefined || value === null) continue;
        const url = String(value).trim();
        const allowed =
          SAFE.test(url) ||
          (name === 'href' && node.properties.download !== undefined && DOWNLOAD.test(url)) ||
          (name === 'src' && node.tagName === 'img' && PICTURE.test(url));
        if (!allowed) delete node.properties[name];
      }
      // Event handlers can only come from hostile input: no part of the pipeline writes one.
      for (const name of Object.keys(node.properties)) if (/^on/i.test(name)) delete node.properties[name];
    });
  };
}
