// `npm run dev` in two processes. ES modules cannot be unloaded, so a change
// to the code (src/) is taken in by restarting: this small process watches
// src/ and runs the dev server in a child it restarts on every code change.
// The child binds the same port again; the open page's event stream
// reconnects and, seeing a new build, reloads.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Console } from '../project/console.ts';
import { watchDirectories } from './watch.ts';

/** The message the child sends once it serves. */
export interface ReadyMessage {
  type: 'newsbook-dev-ready';
  port: number;
  url: string;
}

export interface SupervisorOptions {
  /** The module the child runs (scripts/dev.ts), with CHILD_ENV set. */
  script: string;
  /** The child's arguments, without --port. */
  args: readonly string[];
  /**
   * The port asked for. The child is given it (and after its first start the
   * one it took, so that the open page reconnects), and a child given a port
   * takes that one or fails.
   */
  port?: number;
  /** The code whose change restarts the child. */
  codeDir: string;
  log: Console;
  debounceMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Node options of the child; default: this process's (tsx's loader). */
  execArgv?: readonly string[];
}

export interface SupervisorEvents {
  ready: [ReadyMessage];
  restart: [{ changed: string[] }];
}

export interface Supervisor {
  events: EventEmitter<SupervisorEvents>;
  /** Resolves with the exit code once stopped, or when the first start fails. */
  done: Promise<number>;
  stop(): Promise<void>;
}

export const CHILD_ENV = 'NEWSBOOK_DEV_CHILD';
const KILL_AFTER_MS = 3000;

export function supervise(options: SupervisorOptions): Supervisor {
  const events = new EventEmitter<SupervisorEvents>();
  let child: ChildProcess | null = null;
  let exited: Promise<number> = Promise.resolve(0);
  let port = options.port;
  let everReady = false;
  let state: 'running' | 'restarting' | 'stopping' = 'running';
  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));

  const start = () => {
    const args = [...options.args, ...(port === undefined ? [] : ['--port', String(port)])];
    const current = fork(options.script, args, {
      execArgv: [...(options.execArgv ?? process.execArgv)],
      env: { ...process.env, ...options.env, [CHILD_ENV]: '1' },
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    child = current;
    current.on('message', (message: unknown) => {
      if (!isReady(message)) return;
      everReady = true;
      // Restarts take the same port: the open page reconnects to it.
      port = message.port;
      events.emit('ready', message);
    });
    exited = new Promise<number>((resolve) => {
      current.once('exit', (code, signal) => {
        if (child === current) child = null;
        const status = code ?? (signal ? 1 : 0);
        resolve(status);
        if (state === 'restarting') {
          state = 'running';
          start();
        } else if (state === 'stopping') {
          // stop() finishes.
        } else if (!everReady) {
          // The first start failed (a busy port, a broken install): the child said why.
          watcher.close();
          finish(status);
        } else {
          options.log.error(`✖ the dev server stopped (exit code ${status}${signal ? `, ${signal}` : ''}): it starts again on the next change in ${rel(options.codeDir)}/`);
        }
      });
    });
  };

  const watcher = watchDirectories(
    [{ dir: options.codeDir, recursive: true, accept: () => true }],
    (changed) => {
      if (state === 'stopping') return;
      // Tools' temporary files (sed -i, formatters) come and go: named only when they stayed.
      const present = [...changed].filter((path) => existsSync(path));
      const files = (present.length > 0 ? present : [...changed]).map(rel);
      events.emit('restart', { changed: files });
      options.log.log(`↻ ${files.join(', ')} changed: code changed, ${child ? 'restarting' : 'starting'} the server`);
      if (child) {
        state = 'restarting';
        kill(child);
      } else {
        start();
      }
    },
    { debounceMs: options.debounceMs ?? 200, onError: (dir, error) => options.log.error(`✖ cannot watch ${rel(dir)}: ${error.message}`) },
  );

  start();
  options.log.log(`ℹ watching ${rel(options.codeDir)}/: a code change restarts the server`);

  return {
    events,
    done,
    async stop() {
      if (state === 'stopping') return done.then(() => {});
      state = 'stopping';
      watcher.close();
      if (child) kill(child);
      await exited;
      finish(0);
      await done;
    },
  };
}

function kill(child: ChildProcess): void {
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  timer.unref();
  child.once('exit', () => clearTimeout(timer));
}

function isReady(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'newsbook-dev-ready';
}

function rel(path: string): string {
  return relative(process.cwd(), path) || path;
}
