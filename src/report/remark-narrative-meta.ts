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
    if (node?.type === 'yaml') {
      try {
        data = (parse(node.value) ?? {}) as Record<string, unknown>;
      } catch (error) {
        file.message(`Cannot parse the front matter: ${(error as Error).message.split('\n')[0]}`, { place: node.position, ruleId: 'narrative-front-matter', source: 'newsbook' }).fatal = true;
      }
      tree.children.shift();
    }
    if (typeof data.title !== 'string' || data.title.trim() === '') {
      file.message('Missing `title` in the front matter of the narrative', { place: node?.position ?? { line: 1, column: 1 }, ruleId: 'narrative-front-matter', source: 'newsbook' }).fatal = true;
    }
    file.data.meta = {
      title: typeof data.title === 'string' ? data.title : '',
      description: typeof data.description === 'string' ? data.description : null,
    };
  };
}
