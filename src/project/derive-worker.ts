// A derive worker (see derive-workers.ts): compiles the codebook and the gazetteer once, then
// extracts every batch of articles it is sent, validates and writes their
// rows (prepareArticle) and posts them back, the written bytes moved, not
// copied. The extraction is pure; nothing here touches the disk.
import { parentPort, workerData } from 'node:worker_threads';
import { packForPosting, prepareArticle, preparedBuffers } from '../datasets/prepare.ts';
import { parseGazetteers, withHome } from '../extract/gazetteer.ts';
import { parseCodebooks } from '../extract/codebook.ts';
import type { WorkerInput, WorkerReply, WorkerTask } from './derive-workers.ts';

const port = parentPort;
if (!port) throw new Error('derive-worker.ts runs as a worker thread only');
const input = workerData as WorkerInput;
const gazetteer = withHome(parseGazetteers(input.gazetteers, parseCodebooks(input.codebooks)), input.home);

port.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const prepared = task.articles.map((article) => packForPosting(prepareArticle(article, gazetteer), article.body));
    reply = { batch: task.batch, prepared };
    transfer = prepared.flatMap(preparedBuffers);
  } catch (error) {
    // An Error does not survive postMessage with its stack everywhere: send the text.
    reply = { batch: task.batch, error: (error as Error)?.stack ?? String(error) };
  }
  port.postMessage(reply, transfer);
});
