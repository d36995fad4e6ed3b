// The live preview: an HTTP server on 127.0.0.1 that serves the explainer from
// memory, watches the narrative and the data, rebuilds only what a change
// touches, and tells the open page to reload (server-sent events). Code
// changes (src/) are not this module's business: scripts/dev.ts restarts the
// process that runs it (see src/dev/supervisor.ts).
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { dirname, relative } from 'node:path';
import type { StoryConfig } from '../project/config.ts';
import type { Console } from '../project/console.ts';
import { formatDiagnostic } from '../project/diagnostic.ts';
import type { Diagnostic } from '../project/diagnostic.ts';
import { CliError } from '../project/errors.ts';
import { CLIENT_PATH, CLIENT_SCRIPT, EVENTS_PATH, previewPage } from './preview.ts';
import { DevProject } from './project.ts';
import type { ChangeKind } from './project.ts';
import { watchDirectories } from './watch.ts';
import type { Watcher } from './watch.ts';
import { eventMessage } from './event-stream.ts';
import { refuseForeignRequest } from './allowed-hosts.ts';

export const DEFAULT_PORT = 4321;
export const HOST = '127.0.0.1';
/** Editors save in several writes within a few ms; a quiet time this long ends a save. */
export const DEFAULT_DEBOUNCE_MS = 20;
/** How many ports after a busy default one are tried. */
const PORT_TRIES = 20;

export interface DevServerOptions {
  /** Default 4321; 0 = any free port. */
  port?: number;
  /** When the port was asked for explicitly: a busy port is an error instead of moving to the next. */
  strictPort?: boolean;
  /** The story to preview. */
  config: StoryConfig;
  log?: Console;
  /** Quiet time after the last file event of a burst before rebuilding. */
  debounceMs?: number;
  onRebuild?: (event: RebuildEvent) => void;
}

export interface RebuildEvent {
  /** What changed, e.g. `narrative`, `article`, `article+gazetteer`. */
  kind: string;
  kinds: ChangeKind[];
  /** Changed files, relative to the root. */
  changed: string[];
  /** Articles derived again; `reactions`: articles whose reactions only were. */
  derived: string[];
  reactions: string[];
  /** Articles whose review was applied again (a review edit), without deriving. */
  reviewed: string[];
  removed: string[];
  /** Whether the page was rendered again, and the charts it drew or took from the cache. */
  rendered: boolean;
  charts: { rendered: number; cached: number };
  /** No errors: the page shown is the one just built. */
  ok: boolean;
  errors: Diagnostic[];
  /** From the rebuild's start to the reload message; `sinceChange`: from the first file event. */
  ms: number;
  sinceChange: number;
  build: string;
}

export interface ReloadEvent {
  build: string;
  /** Open pages the message went to. */
  clients: number;
  ms: number;
}

export interface DevServerEvents {
  rebuild: [RebuildEvent];
  reload: [ReloadEvent];
}

export interface DevServer {
  url: string;
  port: number;
  paths: StoryConfig;
  project: DevProject;
  events: EventEmitter<DevServerEvents>;
  close(): Promise<void>;
}

const quiet: Console = { log: () => {}, error: () => {} };

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const started = performance.now();
  const log = options.log ?? quiet;
  const paths = options.config;
  const project = new DevProject(paths);
  const events = new EventEmitter<DevServerEvents>();
  const clients = new Set<ServerResponse>();
  const buildPrefix = `${process.pid.toString(36)}.${Date.now().toString(36)}`;
  let builds = 0;
  let build = `${buildPrefix}.0`;
  let page = '';
  let closed = false;
  /** The port listened on: the only one a request's Host may name. */
  let boundPort = 0;

  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`newsbook dev server: ${(error as Error)?.message ?? String(error)}\n`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this machine's own addresses: another site cannot read the draft through DNS rebinding.
    if (refuseForeignRequest(req, res, boundPort)) return;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    if (path === EVENTS_PATH && req.method === 'HEAD') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (path === EVENTS_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      // `retry`: how soon the page tries again when the server restarts.
      res.write(`retry: 300\n${eventMessage('hello', { build })}`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (path === CLIENT_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : CLIENT_SCRIPT);
      return;
    }
    if (path === '/' || path === '/index.html' || path === `/${paths.output}`) {
      await ready;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : page);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: the preview is at /\n');
  }

  const port = await listen(server, options.port ?? DEFAULT_PORT, options.strictPort ?? false, log);
  boundPort = port;
  const url = `http://${HOST}:${port}/`;

  // Watching starts before the first load, so that no save is missed; the
  // queue waits for the load to finish.
  let queue = new Set<string>();
  let firstChangeAt = 0;
  let running: Promise<void> | null = null;
  const watcher: Watcher = watchDirectories(
    [
      { dir: dirname(paths.narrative), accept: (p) => project.kindOf(p) !== null },
      { dir: paths.articles, accept: (p) => project.kindOf(p) === 'article' },
      // The gazetteers and the review through their folders: a story's may not exist yet, and editors replace files on save.
      ...[...new Set([...paths.gazetteers, paths.review].map((p) => dirname(p)))].map((dir) => ({
        dir,
        accept: (p: string) => paths.gazetteers.includes(p) || p === paths.review,
      })),
    ],
    (changed, at) => {
      for (const path of changed) queue.add(path);
      if (firstChangeAt === 0) firstChangeAt = at;
      drain();
    },
    { debounceMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS, onError: (dir, error) => log.error(`✖ cannot watch ${relative(process.cwd(), dir) || dir}: ${error.message}`) },
  );

  function drain(): void {
    if (running || closed) return;
    running = (async () => {
      try {
        await ready;
        while (queue.size > 0 && !closed) {
          const batch = queue;
          const at = firstChangeAt;
          queue = new Set();
          firstChangeAt = 0;
          try {
            await rebuild(batch, at);
          } catch (error) {
            // Reading a file failed in an unexpected way: say so, keep serving, take the next save.
            log.error(`✖ Unexpected internal error while rebuilding: ${(error as Error)?.message ?? String(error)}`);
          }
        }
      } finally {
        running = null;
      }
    })();
  }

  function publish(): ReloadEvent {
    build = `${buildPrefix}.${++builds}`;
    page = previewPage({ html: project.lastGoodHtml, build, diagnostics: project.diagnostics, root: paths.root });
    const message = eventMessage('reload', { build });
    for (const client of clients) client.write(message);
    return { build, clients: clients.size, ms: 0 };
  }

  async function rebuild(changed: Set<string>, firstEventAt: number): Promise<void> {
    const t0 = performance.now();
    const hadErrors = project.diagnostics.some((d) => d.severity === 'error');
    const update = await project.update(changed);
    if (update.changed.length === 0) return;
    const render = update.pageChanged ? await project.render() : null;
    const reload = publish();
    const ms = performance.now() - t0;
    reload.ms = ms;
    const errors = project.diagnostics.filter((d) => d.severity === 'error');
    const event: RebuildEvent = {
      kind: update.kinds.join('+'),
      kinds: update.kinds,
      changed: update.changed,
      derived: update.derived,
      reactions: update.reactions,
      reviewed: update.reviewed,
      removed: update.removed,
      rendered: render !== null,
      charts: render?.charts ?? { rendered: 0, cached: 0 },
      ok: errors.length === 0,
      errors,
      ms,
      sinceChange: firstEventAt > 0 ? performance.now() - firstEventAt : ms,
      build: reload.build,
    };
    events.emit('reload', reload);
    options.onRebuild?.(event);
    events.emit('rebuild', event);

    // The console: what changed, what was rebuilt, how long it took.
    const did: string[] = [];
    if (update.derived.length > 0) did.push(`re-derived ${list(update.derived, 'article')}`);
    if (update.reactions.length > 0) did.push(`re-derived the reactions of ${list(update.reactions, 'article')}`);
    if (update.removed.length > 0) did.push(`dropped ${list(update.removed, 'article')}`);
    if (render) did.push(render.ok ? `page rebuilt (charts: ${render.charts.rendered} drawn, ${render.charts.cached} cached)` : 'page not rebuilt');
    if (update.reviewed.length > 0) did.push(`re-applied the review to ${list(update.reviewed, 'article')}`);
    const what = `${update.changed.join(', ')} changed`;
    print([...update.warnings, ...project.diagnostics], log);
    if (errors.length > 0) {
      log.error(`✖ ${what} → ${did.join(', ') || 'nothing rebuilt'}: ${errors.length} error${errors.length === 1 ? '' : 's'}, shown over the last good page (${Math.round(ms)} ms)`);
    } else {
      log.log(`${hadErrors ? '✔ fixed: ' : '↻ '}${what} → ${did.join(', ') || 'nothing to rebuild'} in ${Math.round(ms)} ms`);
    }
  }

  // The first build: datasets, then the page.
  try {
    const loaded = await project.load();
    const render = await project.render();
    publish();
    const data = await project.currentData();
    log.log(`newsbook dev server: ${url}`);
    log.log(
      `✔ ready in ${Math.round(performance.now() - started)} ms: ${data.articles.length} articles, ${data.casualties.length} casualty figures, ${data.reactions.length} reactions ` +
        (project.startedFrom === 'derived' ? `(datasets read from ${rel(paths.derived)}: up to date)` : `(derived ${loaded.derived.length} articles in memory: ${rel(paths.derived)} is out of date)`) +
        `, page built in ${Math.round(render.ms)} ms`,
    );
    log.log(`ℹ the preview lives in memory: it never writes ${rel(paths.derived)}/ or ${rel(paths.dist)}/; \`npm run report\` writes them`);
    log.log(`ℹ watching ${rel(dirname(paths.narrative))}/, ${rel(paths.articles)}/, ${paths.gazetteers.map(rel).join(', ')}, ${rel(paths.review)}`);
    print([...loaded.warnings, ...project.diagnostics], log);
  } catch (error) {
    closed = true;
    watcher.close();
    await closeServer(server, clients);
    throw error;
  } finally {
    markReady();
  }
  drain();

  return {
    url,
    port,
    paths,
    project,
    events,
    async close() {
      if (closed) return;
      closed = true;
      watcher.close();
      await running?.catch(() => {});
      await closeServer(server, clients);
      events.removeAllListeners();
    },
  };

  function rel(path: string): string {
    return relative(process.cwd(), path) || path;
  }
}

/** Errors and warnings, one `path:line:column  severity  message  (rule)` line each. */
function print(diagnostics: readonly Diagnostic[], log: Console): void {
  for (const d of diagnostics) if (d.severity !== 'info') (d.severity === 'error' ? log.error : log.log)(formatDiagnostic(d));
}

function list(ids: readonly string[], word: string): string {
  return `${word}${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;
}

/** Listens on `port`, or (unless strict) the next free one after it. */
export async function listen(server: Server, port: number, strict: boolean, log: Console): Promise<number> {
  for (let tried = 0; ; tried++) {
    const candidate = port === 0 ? 0 : port + tried;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(candidate, HOST, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : candidate;
      if (tried > 0) log.log(`ℹ port ${port} is busy: serving on ${bound} instead (\`--port N\` picks a port and never moves)`);
      return bound;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && strict) {
        throw new CliError(`Cannot serve on port ${candidate}: it is busy (another dev server?). Choose another with \`--port N\`, or leave out --port to take the next free one`);
      }
      if (code === 'EADDRINUSE' && port !== 0 && tried < PORT_TRIES) continue;
      if (code === 'EADDRINUSE') throw new CliError(`Cannot serve: ports ${port} to ${port + tried} are busy. Choose one with \`--port N\``);
      if (code === 'EACCES') throw new CliError(`Cannot serve on port ${candidate}: permission denied. Choose one above 1023 with \`--port N\``);
      throw error;
    }
  }
}

async function closeServer(server: Server, clients: Set<ServerResponse>): Promise<void> {
  for (const client of clients) client.end();
  clients.clear();
  if (!server.listening) return;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
