// The narrative's own front matter (title, description, home, toc) →
// `file.data.meta`; `home` must name a gazetteer actor, or be null.
import type { Root } from 'mdast';
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { VFile } from 'vfile';
import { yamlData } from '../common/yaml-data.ts';
import { closest } from '../common/suggest.ts';
import { fail } from '../common/problems.ts';

export interface NarrativeMeta {
  title: string;
  description: string | null;
  /** The actor whose own authorities' statements are not reactions; null for none. */
  home: string | null;
  /** A table of contents for a story with more than three sections; `toc: false` turns it off. */
  toc: boolean;
}

declare module 'vfile' {
  interface DataMap {
    meta: NarrativeMeta;
  }
}

export interface RemarkNarrativeMetaOptions {
  /** The gazetteer's actors, which `home` must name; null when they are not known. */
  actors?: readonly string[] | null;
}

export default function remarkNarrativeMeta(options: RemarkNarrativeMetaOptions = {}) {
  return (tree: Root, file: VFile) => {
    const node = tree.children[0];
    let data: Record<string, unknown> = {};
    let broken = false;
    /** The place of `key:` in the front matter, or of the block. */
    let placeOf = (_key: string) => node?.position ?? { line: 1, column: 1 };
    if (node?.type === 'yaml') {
      const lines = new LineCounter();
      const doc = parseDocument(node.value, { lineCounter: lines, prettyErrors: false });
      const first = (node.position?.start.line ?? 1) + 1;
      const at = (offset: number) => {
        const p = lines.linePos(offset);
        return { line: first + p.line - 1, column: p.col };
      };
      const read = doc.errors.length > 0 ? null : yamlData(doc);
      if (doc.errors.length > 0 || read === null || 'message' in read) {
        const error = doc.errors[0];
        const reason = error ? error.message.split('\n')[0] : read && 'message' in read ? read.message : 'unreadable';
        const offset = error ? error.pos[0] : read && 'offset' in read ? read.offset : 0;
        fail(file, `Cannot parse the front matter: ${reason}`, at(offset), 'narrative-front-matter');
        broken = true;
      } else if (read.data !== null && typeof read.data === 'object' && !Array.isArray(read.data)) {
        data = read.data as Record<string, unknown>;
        placeOf = (key) => {
          const pair = isMap(doc.contents)
            ? doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key)
            : undefined;
          const range =
            pair && isScalar(pair.value) ? pair.value.range : pair && isScalar(pair.key) ? pair.key.range : null;
          return range ? at(range[0]) : (node.position ?? { line: 1, column: 1 });
        };
      }
      tree.children.shift();
    }
    // A front matter that cannot be read has already been reported: no second error for what it would have said.
    if (!broken && (typeof data.title !== 'string' || data.title.trim() === '')) {
      fail(
        file,
        'Missing `title` in the front matter of the narrative: expected `title: "…"` between the `---` lines at the top',
        placeOf('title'),
        'narrative-front-matter',
      );
    }
    const home = typeof data.home === 'string' && data.home.trim() !== '' ? data.home.trim() : null;
    if (data.home !== undefined && data.home !== null && home === null) {
      fail(
        file,
        'Unexpected `home`: expected the name of a country in the gazetteer, such as `home: Chile`, or `home: null`',
        placeOf('home'),
        'narrative-home',
      );
    } else if (home !== null && options.actors && !options.actors.includes(home)) {
      const guess = closest(home, options.actors);
      fail(
        file,
        `Unexpected home \`${home}\`: expected an actor of the gazetteer${guess ? ` (did you mean \`${guess}\`?)` : ''}, or \`home: null\`; a new one goes in data/gazetteer.yaml`,
        placeOf('home'),
        'narrative-home',
      );
    }
    if (data.toc !== undefined && typeof data.toc !== 'boolean') {
      fail(
        file,
        'Unexpected `toc`: expected `toc: false` to leave out the table of contents, or `toc: true`',
        placeOf('toc'),
        'narrative-toc',
      );
    }
    file.data.meta = {
      title: typeof data.title === 'string' ? data.title : '',
      description: typeof data.description === 'string' ? data.description : null,
      home,
      toc: data.toc !== false,
    };
  };
}
