// A derive worker (see derive-workers.ts): compiles the codebook and the
// gazetteer once (from the data a derive of the same inputs validated, or the
// gazetteer's image, when it is given), as its workerData gives them or, for
// a worker started before the derive knew them, its first message; then
// parses every article of each batch it is sent from its file's bytes,
// extracts it, validates and writes its rows (prepareArticle) and posts each
// back as its cache entry (extract-cache.ts), moved, not copied. The
// extraction is pure; nothing here touches the disk.
import { parentPort, workerData } from 'node:worker_threads';
import { parseArticleBytes } from '../articles/article.ts';
import type { Article } from '../articles/article.ts';
import { prepareArticle } from '../datasets/prepare.ts';
import { gazetteerFrom, parseGazetteers, withHome } from '../extract/gazetteer.ts';
import type { Gazetteer } from '../extract/gazetteer.ts';
import { codebookFrom, parseCodebooks } from '../extract/codebook.ts';
import { gazetteerFromImage } from '../extract/gazetteer-image.ts';
import type { ArticleFile, WorkerInput, WorkerReply, WorkerTask } from './derive-workers.ts';
import { encodeExtraction } from './extract-cache.ts';

const port = parentPort;
if (!port) throw new Error('derive-worker.ts runs as a worker thread only');
// Null when the input follows as the first message (a worker started before the derive knew it: ExtractionPool).
const given = workerData as WorkerInput | null;
let gazetteer: Gazetteer | null = given && compile(given);

function compile(input: WorkerInput): Gazetteer {
  const { validated } = input;
  const codebook = validated ? codebookFrom(validated.codebook, input.codebooks) : parseCodebooks(input.codebooks);
  return withHome(
    (input.image && gazetteerFromImage(input.image, codebook)) ??
      (validated
        ? gazetteerFrom(validated.gazetteer, input.gazetteers, codebook)
        : parseGazetteers(input.gazetteers, codebook)),
    input.home,
  );
}

port.on('message', (message: WorkerTask | WorkerInput) => {
  if (!gazetteer) {
    gazetteer = compile(message as WorkerInput);
    return;
  }
  const task = message as WorkerTask;
  const compiled = gazetteer;
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const entries = task.files.map((file) => {
      const article = articleOf(file);
      return encodeExtraction(article, prepareArticle(article, compiled));
    });
    reply = { batch: task.batch, entries };
    transfer = entries.flatMap((entry) => (entry ? [entry.buffer as ArrayBuffer] : []));
  } catch (error) {
    // An Error does not survive postMessage with its stack everywhere: send the text.
    reply = { batch: task.batch, error: (error as Error)?.stack ?? String(error) };
  }
  port.postMessage(reply, transfer);
});

/** The article a file's bytes hold: the derive sends only files that parsed, so a problem here is a fault. */
function articleOf({ path, bytes }: ArticleFile): Article {
  const { parsed } = parseArticleBytes(bytes, path);
  if (parsed.article) return parsed.article;
  throw new Error(`${path} does not parse as it did when it was read: ${String(parsed.problems[0]?.reason)}`);
}
