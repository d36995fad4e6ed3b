// The live preview: an HTTP server on 127.0.0.1 that serves the explainer from
// memory, watches the narrative and the data, rebuilds only what a change
// touches, and tells the open page to reload (server-sent events). Code
// changes (src/) are not this module's business: scripts/dev.ts restarts the
// process that runs it (see src/dev/supervisor.ts).
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { dirname, relative } from 'node:path';
import type { ChartData } from '../charts/chart.ts';
import type { StoryConfig } from '../project/config.ts';
import type { Console } from '../project/console.ts';
import { problemJson } from '../common/problem-lines.ts';
import { isError } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';
import { CliError } from '../project/errors.ts';
import { logRebuild, printProblems } from './console-lines.ts';
import { eventMessage } from './event-stream.ts';
import { previewPage } from './preview.ts';
import { DevProject } from './project.ts';
import type { ChangeKind, Render, Update } from './project.ts';
import { handleRequest } from './routes.ts';
import type { PreviewState } from './routes.ts';
import { watchDirectories } from './watch.ts';
import type { Watcher } from './watch.ts';

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
  /** The derive's extraction cache's folder, read and filled by the preview: by default the project's; null for none. */
  cache?: string | null;
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
  /** As plain JSON (problemJson): the event goes to the browser. */
  errors: ReturnType<typeof problemJson>[];
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
  const project = new DevProject(paths, options.cache);
  const events = new EventEmitter<DevServerEvents>();
  const buildPrefix = `${process.pid.toString(36)}.${Date.now().toString(36)}`;
  let closed = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const state: PreviewState = {
    port: 0,
    build: `${buildPrefix}.0`,
    page: '',
    output: paths.output,
    ready,
    clients: new Set(),
  };

  const server = previewServer(state);
  state.port = await listen(server, options.port ?? DEFAULT_PORT, options.strictPort ?? false, log);
  const url = `http://${HOST}:${state.port}/`;
  const publish = publisher(state, project, paths.root, buildPrefix);
  const rebuild = rebuilder(project, publish, events, options.onRebuild, log);

  // Watching starts before the first load, so that no save is missed; the queue waits for the load to finish.
  const queue = new RebuildQueue(rebuild, state.ready, log);
  const watcher = watchStory(
    paths,
    project,
    (changed, at) => queue.add(changed, at),
    options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
    log,
  );

  try {
    await firstBuild(project, publish, log, url, started);
  } catch (error) {
    closed = true;
    watcher.close();
    await closeServer(server, state.clients);
    throw error;
  } finally {
    markReady();
  }
  queue.drain();

  return {
    url,
    port: state.port,
    paths,
    project,
    events,
    async close() {
      if (closed) return;
      closed = true;
      watcher.close();
      await queue.close();
      await closeServer(server, state.clients);
      events.removeAllListeners();
    },
  };
}

/** Serves the preview; an error a route throws becomes a 500 rather than a hung request. */
function previewServer(state: PreviewState): Server {
  return createServer((req, res) => {
    void handleRequest(req, res, state).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`newsbook dev server: ${(error as Error)?.message ?? String(error)}\n`);
    });
  });
}

/** A function that makes a new build of the page and sends a reload message to every open page. */
function publisher(state: PreviewState, project: DevProject, root: string, buildPrefix: string): () => ReloadEvent {
  let builds = 0;
  return () => {
    state.build = `${buildPrefix}.${++builds}`;
    state.page = previewPage({
      html: project.lastGoodHtml,
      build: state.build,
      diagnostics: project.diagnostics,
      root,
    });
    const message = eventMessage('reload', { build: state.build });
    for (const client of state.clients) client.write(message);
    return { build: state.build, clients: state.clients.size, ms: 0 };
  };
}

/** What a burst of file changes does: update the project, publish, and tell listeners and the console. */
function rebuilder(
  project: DevProject,
  publish: () => ReloadEvent,
  events: EventEmitter<DevServerEvents>,
  onRebuild: DevServerOptions['onRebuild'],
  log: Console,
): (changed: Set<string>, firstEventAt: number) => Promise<void> {
  return async (changed, firstEventAt) => {
    const t0 = performance.now();
    const hadErrors = project.diagnostics.some(isError);
    const update = await project.update(changed);
    if (update.changed.length === 0) return;
    const render = update.pageChanged ? await project.render() : null;
    const reload = publish();
    const ms = (reload.ms = performance.now() - t0);
    const errors = project.diagnostics.filter(isError);
    const event = rebuildEvent(
      update,
      render,
      errors,
      ms,
      firstEventAt > 0 ? performance.now() - firstEventAt : ms,
      reload.build,
    );
    events.emit('reload', reload);
    onRebuild?.(event);
    events.emit('rebuild', event);
    printProblems([...update.warnings, ...project.diagnostics], log);
    logRebuild({ update, render, errors, hadErrors, ms }, log);
  };
}

function rebuildEvent(
  update: Update,
  render: Render | null,
  errors: VFileMessage[],
  ms: number,
  sinceChange: number,
  build: string,
): RebuildEvent {
  const { kinds, changed, derived, reactions, reviewed, removed } = update;
  const charts = render?.charts ?? { rendered: 0, cached: 0 };
  return {
    kind: kinds.join('+'),
    kinds,
    changed,
    derived,
    reactions,
    reviewed,
    removed,
    rendered: render !== null,
    charts,
    ok: errors.length === 0,
    errors: errors.map(problemJson),
    ms,
    sinceChange,
    build,
  };
}

/**
 * Saves come in bursts and may come while a rebuild runs: they are queued, and
 * one rebuild at a time takes all that came in meanwhile.
 */
class RebuildQueue {
  #paths = new Set<string>();
  #firstChangeAt = 0;
  #running: Promise<void> | null = null;
  #closed = false;

  constructor(
    private readonly rebuild: (changed: Set<string>, firstEventAt: number) => Promise<void>,
    private readonly ready: Promise<void>,
    private readonly log: Console,
  ) {}

  add(changed: Iterable<string>, at: number): void {
    for (const path of changed) this.#paths.add(path);
    if (this.#firstChangeAt === 0) this.#firstChangeAt = at;
    this.drain();
  }

  drain(): void {
    if (this.#running || this.#closed) return;
    this.#running = (async () => {
      try {
        await this.ready;
        while (this.#paths.size > 0 && !this.#closed) {
          const batch = this.#paths;
          const at = this.#firstChangeAt;
          this.#paths = new Set();
          this.#firstChangeAt = 0;
          try {
            await this.rebuild(batch, at);
          } catch (error) {
            // Reading a file failed in an unexpected way: say so, keep serving, take the next save.
            this.log.error(
              `✖ Unexpected internal error while rebuilding: ${(error as Error)?.message ?? String(error)}`,
            );
          }
        }
      } finally {
        this.#running = null;
      }
    })();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#running?.catch(() => {});
  }
}

/** The story's folders: the narrative's, the articles', and those of the gazetteers and the review. */
function watchStory(
  paths: StoryConfig,
  project: DevProject,
  onChange: (changed: Iterable<string>, at: number) => void,
  debounceMs: number,
  log: Console,
): Watcher {
  return watchDirectories(
    [
      { dir: dirname(paths.narrative), accept: (p) => project.kindOf(p) !== null },
      { dir: paths.articles, accept: (p) => project.kindOf(p) === 'article' },
      // The gazetteers and the review through their folders: a story's may not exist yet, and editors replace files on save.
      ...[...new Set([...paths.gazetteers, ...paths.codebooks, paths.review].map((p) => dirname(p)))].map((dir) => ({
        dir,
        accept: (p: string) => paths.gazetteers.includes(p) || paths.codebooks.includes(p) || p === paths.review,
      })),
    ],
    onChange,
    {
      debounceMs,
      onError: (dir, error) => log.error(`✖ cannot watch ${relative(process.cwd(), dir) || dir}: ${error.message}`),
    },
  );
}

/** The first build: loads the story (its datasets), builds the page and says so. */
async function firstBuild(
  project: DevProject,
  publish: () => void,
  log: Console,
  url: string,
  started: number,
): Promise<void> {
  const loaded = await project.load();
  const render = await project.render();
  publish();
  logReady(
    log,
    url,
    await project.currentData(),
    project,
    loaded,
    Math.round(performance.now() - started),
    Math.round(render.ms),
  );
  printProblems([...loaded.warnings, ...project.diagnostics], log);
}

function logReady(
  log: Console,
  url: string,
  data: ChartData,
  project: DevProject,
  loaded: Update,
  readyMs: number,
  pageMs: number,
): void {
  const paths = project.paths;
  const rel = (path: string) => relative(process.cwd(), path) || path;
  log.log(`newsbook dev server: ${url}`);
  log.log(
    `✔ ready in ${readyMs} ms: ${data.articles.length} articles, ${data.casualties.length} casualty figures, ${data.reactions.length} reactions ` +
      (project.startedFrom === 'derived'
        ? `(datasets read from ${rel(paths.derived)}: up to date)`
        : `(derived ${loaded.derived.length} articles in memory, ${loaded.cached.length} of them from the derive's cache: ${rel(paths.derived)} is out of date)`) +
      `, page built in ${pageMs} ms`,
  );
  log.log(
    `ℹ the preview lives in memory: it never writes ${rel(paths.derived)}/ or ${rel(paths.dist)}/; \`npm run report\` writes them`,
  );
  log.log(
    `ℹ watching ${rel(dirname(paths.narrative))}/, ${rel(paths.articles)}/, ${[...paths.gazetteers, ...paths.codebooks].map(rel).join(', ')}, ${rel(paths.review)}`,
  );
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
      if (tried > 0)
        log.log(`ℹ port ${port} is busy: serving on ${bound} instead (\`--port N\` picks a port and never moves)`);
      return bound;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && strict) {
        throw new CliError(
          `Cannot serve on port ${candidate}: it is busy (another dev server?). Choose another with \`--port N\`, or leave out --port to take the next free one`,
        );
      }
      if (code === 'EADDRINUSE' && port !== 0 && tried < PORT_TRIES) continue;
      if (code === 'EADDRINUSE')
        throw new CliError(`Cannot serve: ports ${port} to ${port + tried} are busy. Choose one with \`--port N\``);
      if (code === 'EACCES')
        throw new CliError(
          `Cannot serve on port ${candidate}: permission denied. Choose one above 1023 with \`--port N\``,
        );
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
