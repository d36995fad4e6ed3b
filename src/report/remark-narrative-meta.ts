// The narrative's own front matter (title, description) → `file.data.meta`.
import type { Root } from 'mdast';
import { parse } from 'yaml';
import type { VFile } from 'vfile';

export interface NarrativeMeta {
  title: string;
  description: string | null;
}

declare module 'vfile' {
  interface DataMap {
    meta: NarrativeMeta;
  }
}

export default function remarkNarrativeMeta() {
  return (tree: Root, file: VFile) => {
    const node = tree.children[0];
    let data: Record<string, unknown> = {};
    let parsed = true;
    if (node?.type === 'yaml') {
      try {
        data = (parse(node.value) ?? {}) as Record<string, unknown>;
      } catch (error) {
        // At the line the parser names (the YAML starts on the line after the opening `---`).
        const at = (error as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
        const place = at && node.position ? { line: node.position.start.line + at.line, column: at.col } : node.position;
        file.message(`Cannot parse the front matter: ${(error as Error).message.split('\n')[0]}`, { place, ruleId: 'narrative-front-matter', source: 'newsbook' }).fatal = true;
        parsed = false;
      }
      tree.children.shift();
    }
    // A front matter that cannot be read has one error already: no second guess about its title.
    if (parsed && (typeof data.title !== 'string' || data.title.trim() === '')) {
      file.message('Missing `title` in the front matter of the narrative', { place: node?.position ?? { line: 1, column: 1 }, ruleId: 'narrative-front-matter', source: 'newsbook' }).fatal = true;
    }
    file.data.meta = {
      title: typeof data.title === 'string' ? data.title : '',
      description: typeof data.description === 'string' ? data.description : null,
    };
  };
}
