// A derive worker (see derive-workers.ts): compiles the gazetteer once, then
// extracts every batch of articles it is sent and posts the rows back. The
// extraction is the pure deriveArticle; nothing here touches the disk.
import { parentPort, workerData } from 'node:worker_threads';
import { deriveArticle } from '../datasets/derive.ts';
import { parseGazetteer } from '../extract/gazetteer.ts';
import type { WorkerInput, WorkerReply, WorkerTask } from './derive-workers.ts';

const port = parentPort;
if (!port) throw new Error('derive-worker.ts runs as a worker thread only');
const input = workerData as WorkerInput;
const gazetteer = parseGazetteer(input.gazetteerText, input.gazetteerPath);

port.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { batch: task.batch, derivations: task.articles.map((article) => deriveArticle(article, gazetteer)) };
  } catch (error) {
    // An Error does not survive postMessage with its stack everywhere: send the text.
    reply = { batch: task.batch, error: (error as Error)?.stack ?? String(error) };
  }
  port.postMessage(reply);
});
