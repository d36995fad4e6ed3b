// A derive worker (see derive-workers.ts): compiles the codebook and the gazetteer once (from
// the data a derive of the same inputs validated, when it is given), then
// extracts every batch of articles it is sent, validates and writes their
// rows (prepareArticle) and posts each back as its cache entry
// (extract-cache.ts), moved, not copied. The extraction is pure; nothing here
// touches the disk.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareArticle } from '../datasets/prepare.ts';
import { gazetteerFrom, parseGazetteers, withHome } from '../extract/gazetteer.ts';
import { codebookFrom, parseCodebooks } from '../extract/codebook.ts';
import type { WorkerInput, WorkerReply, WorkerTask } from './derive-workers.ts';
import { encodeExtraction } from './extract-cache.ts';

const port = parentPort;
if (!port) throw new Error('derive-worker.ts runs as a worker thread only');
const input = workerData as WorkerInput;
const { validated } = input;
const codebook = validated ? codebookFrom(validated.codebook, input.codebooks) : parseCodebooks(input.codebooks);
const gazetteer = withHome(
  validated
    ? gazetteerFrom(validated.gazetteer, input.gazetteers, codebook)
    : parseGazetteers(input.gazetteers, codebook),
  input.home,
);

port.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const entries = task.articles.map((article) => encodeExtraction(article, prepareArticle(article, gazetteer)));
    reply = { batch: task.batch, entries };
    transfer = entries.flatMap((entry) => (entry ? [entry.buffer as ArrayBuffer] : []));
  } catch (error) {
    // An Error does not survive postMessage with its stack everywhere: send the text.
    reply = { batch: task.batch, error: (error as Error)?.stack ?? String(error) };
  }
  port.postMessage(reply, transfer);
});
