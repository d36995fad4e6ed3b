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
  return new ChildSupervisor(options);
}

class ChildSupervisor implements Supervisor {
  readonly events = new EventEmitter<SupervisorEvents>();
  readonly done: Promise<number>;
  #child: ChildProcess | null = null;
  #exited: Promise<number> = Promise.resolve(0);
  #port: number | undefined;
  #everReady = false;
  #state: 'running' | 'restarting' | 'stopping' = 'running';
  #finish!: (code: number) => void;
  readonly #watcher;

  constructor(private readonly options: SupervisorOptions) {
    this.done = new Promise<number>((resolve) => (this.#finish = resolve));
    this.#port = options.port;
    this.#watcher = watchDirectories(
      [{ dir: options.codeDir, recursive: true, accept: () => true }],
      (changed) => this.#onCodeChange(changed),
      {
        debounceMs: options.debounceMs ?? 200,
        onError: (dir, error) => options.log.error(`✖ cannot watch ${rel(dir)}: ${error.message}`),
      },
    );
    this.#start();
    options.log.log(`ℹ watching ${rel(options.codeDir)}/: a code change restarts the server`);
  }

  async stop(): Promise<void> {
    if (this.#state === 'stopping') return this.done.then(() => {});
    this.#state = 'stopping';
    this.#watcher.close();
    if (this.#child) kill(this.#child);
    await this.#exited;
    this.#finish(0);
    await this.done;
  }

  #start(): void {
    const args = [...this.options.args, ...(this.#port === undefined ? [] : ['--port', String(this.#port)])];
    const current = fork(this.options.script, args, {
      execArgv: [...(this.options.execArgv ?? process.execArgv)],
      env: { ...process.env, ...this.options.env, [CHILD_ENV]: '1' },
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    this.#child = current;
    current.on('message', (message: unknown) => {
      if (!isReady(message)) return;
      this.#everReady = true;
      // Restarts take the same port: the open page reconnects to it.
      this.#port = message.port;
      this.events.emit('ready', message);
    });
    this.#exited = new Promise<number>((resolve) => {
      current.once('exit', (code, signal) => {
        if (this.#child === current) this.#child = null;
        const status = code ?? (signal ? 1 : 0);
        resolve(status);
        this.#onExit(status, signal);
      });
    });
  }

  /** A child gone: started again after a code change, done when stopping, else said (it starts again on the next change). */
  #onExit(status: number, signal: NodeJS.Signals | null): void {
    if (this.#state === 'restarting') {
      this.#state = 'running';
      this.#start();
    } else if (this.#state !== 'stopping' && !this.#everReady) {
      // The first start failed (a busy port, a broken install): the child said why.
      this.#watcher.close();
      this.#finish(status);
    } else if (this.#state !== 'stopping') {
      this.options.log.error(
        `✖ the dev server stopped (exit code ${status}${signal ? `, ${signal}` : ''}): it starts again on the next change in ${rel(this.options.codeDir)}/`,
      );
    }
  }

  /** Code changed: the child restarted, or started when it was not running. */
  #onCodeChange(changed: Iterable<string>): void {
    if (this.#state === 'stopping') return;
    // Tools' temporary files (sed -i, formatters) come and go: named only when they stayed.
    const present = [...changed].filter((path) => existsSync(path));
    const files = (present.length > 0 ? present : [...changed]).map(rel);
    this.events.emit('restart', { changed: files });
    this.options.log.log(
      `↻ ${files.join(', ')} changed: code changed, ${this.#child ? 'restarting' : 'starting'} the server`,
    );
    if (!this.#child) return this.#start();
    this.#state = 'restarting';
    kill(this.#child);
  }
}

function kill(child: ChildProcess): void {
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  timer.unref();
  child.once('exit', () => clearTimeout(timer));
}

function isReady(message: unknown): message is ReadyMessage {
  return (
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'newsbook-dev-ready'
  );
}

function rel(path: string): string {
  return relative(process.cwd(), path) || path;
}
