// Starts a worker thread on a TypeScript module. Node 20 does not hand the
// main thread's loader hooks (tsx) to workers, and `--import tsx` in a worker's
// execArgv does not make a .ts entry loadable either (ERR_UNKNOWN_FILE_EXTENSION
// on Node 20.20), so the worker starts on a small
// JavaScript bootstrap that registers tsx in its own thread, then imports the
// entry. Works under `tsx`, `node --import tsx` and vitest alike.
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';

export function startTsWorker(entry: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    workerData,
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}
