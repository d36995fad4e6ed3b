// Benchmark 2: the dev server's warm rebuild after a narrative save, as an
// editor sees it: from the write of the file to the `reload` message arriving
// on the page's event stream (file watching and the debounce included). The
// server previews a copy of report/ and data/, so the real narrative is never
// touched. The first edits are not measured: they warm the JIT.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { takeEvents } from '../dev/event-stream.ts';
import { EVENTS_PATH } from '../dev/preview.ts';
import { startDevServer } from '../dev/server.ts';
import type { RebuildEvent } from '../dev/server.ts';
import { readConfig } from '../project/config.ts';
import { copyContent, ROOT } from './project-copy.ts';
import { median } from './stats.ts';

export interface DevRebuildResult {
  /** Save → reload message on the event stream, per measured edit. */
  runs: number[];
  ms: number;
  /** The server's own time for the same rebuilds (its `rebuild` event): without watching and debounce. */
  serverMs: number;
  /** Edits whose rebuild reported errors (the timing of a failed build means little). */
  failed: number;
}

const WAIT_MS = 15_000;

export async function benchDevRebuild(options: {
  story: string;
  runs: number;
  warmup: number;
}): Promise<DevRebuildResult> {
  const root = copyContent();
  const server = await startDevServer({ config: await readConfig(root, options.story, { code: ROOT }), port: 0 });
  const stream = await openReloads(new URL(EVENTS_PATH, server.url).href);
  const events: RebuildEvent[] = [];
  server.events.on('rebuild', (event) => events.push(event));
  try {
    const narrative = server.paths.narrative;
    const original = readFileSync(narrative, 'utf8');
    const runs: number[] = [];
    const rebuilds: RebuildEvent[] = [];
    for (let i = 0; i < options.warmup + options.runs; i++) {
      events.length = 0;
      const reloaded = stream.next();
      const started = performance.now();
      // A new sentence each time: a save that changes nothing rebuilds nothing.
      writeFileSync(narrative, `${original}\nBenchmark edit ${i}.\n`);
      await reloaded;
      const ms = performance.now() - started;
      if (i < options.warmup) continue;
      runs.push(ms);
      rebuilds.push(...events);
      // Let the watcher settle, so that one edit's events never leak into the next.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      runs,
      ms: median(runs),
      serverMs: median(rebuilds.map((e) => e.ms)),
      failed: rebuilds.filter((e) => !e.ok).length,
    };
  } finally {
    stream.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

interface ReloadStream {
  /** Resolves on the next `reload` message. */
  next(): Promise<void>;
  close(): void;
}

/** A minimal EventSource for `reload` messages; resolves once the server has said hello. */
function openReloads(url: string): Promise<ReloadStream> {
  return new Promise((resolve, reject) => {
    let waiting: { resolve: () => void; timer: NodeJS.Timeout } | null = null;
    let buffer = '';
    const request = get(url, (response: IncomingMessage) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const { events, rest } = takeEvents(buffer + chunk);
        buffer = rest;
        for (const { type } of events) {
          if (type === 'hello') resolve(stream);
          if (type === 'reload' && waiting) {
            clearTimeout(waiting.timer);
            waiting.resolve();
            waiting = null;
          }
        }
      });
    });
    request.on('error', reject);
    const stream: ReloadStream = {
      next: () =>
        new Promise<void>((done, fail) => {
          waiting = {
            resolve: done,
            timer: setTimeout(
              () => fail(new Error(`No reload message within ${WAIT_MS} ms of a narrative save`)),
              WAIT_MS,
            ),
          };
        }),
      close: () => request.destroy(),
    };
  });
}
