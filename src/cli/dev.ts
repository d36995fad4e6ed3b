// `npm run dev [-- STORY] [--port N]`: the live preview (src/dev/). Two
// processes: this command supervises (watches src/, restarts on a code
// change) and its child serves (watches the narrative and the data, rebuilds
// in memory). Both stop with their parent: a signal, or the parent gone.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../project/config.ts';
import type { Console } from '../project/console.ts';
import { CliError } from '../project/errors.ts';
import { listStories } from '../project/layout.ts';
import { isRunning } from '../project/processes.ts';
import type { Launch } from './launch.ts';
import { parseCommandArgs } from './run.ts';
import type { CommandSpec } from './run.ts';

export const DEV: CommandSpec<{ port: { type: 'string'; help: string; value: string } }> = {
  name: 'dev',
  summary:
    'Serves a live preview of a story on http://127.0.0.1:4321 (or the next free port): each save of the story, an article, the gazetteer, the review or the timeline rebuilds it and reloads the page. Writes nothing; Ctrl+C stops it.',
  positionals: {
    usage: '[STORY]',
    help: 'the story to preview; when left out, the only story, or the first of several (the terminal says which)',
  },
  options: {
    port: {
      type: 'string',
      value: 'N',
      help: 'serve on this port, or stop with an error if it is busy (0: any free port)',
    },
  },
  examples: ['npm run dev', 'npm run dev -- chile-floods-2024 --port 8080'],
};

export const DEV_SCRIPT = fileURLToPath(new URL('../../scripts/dev.ts', import.meta.url));

interface DevArgs {
  /** Undefined: the default port, moving to the next free one when busy. */
  port: number | undefined;
  story: string;
}

async function parseDevArgs(argv: string[], out: Console, launch: Launch): Promise<DevArgs | null> {
  const { values, positionals, help } = parseCommandArgs(argv, DEV, out);
  if (help) return null;
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      throw new CliError(
        `Unexpected port \`${values.port}\`: expected a number from 0 to 65535 (0 = any free port)`,
        [],
        2,
      );
  }
  if (positionals.length > 1)
    throw new CliError(`Unexpected second story \`${positionals[1]}\`: the preview shows one story at a time`, [], 2);
  const stories = await listStories(launch.root);
  const story = positionals[0] ?? stories[0];
  if (story === undefined)
    throw new CliError(
      'Cannot find a story to preview: expected a `report/<story>.md`; `npm run new -- <story>` starts one',
      [],
      2,
    );
  if (positionals.length === 0 && stories.length > 1)
    out.log(`ℹ previewing ${story}; the others: ${stories.slice(1).join(', ')} (\`npm run dev -- <story>\`)`);
  return { port, story };
}

/** The supervisor: runs the server in a child process, restarted on every change in src/. */
export async function devCommand(argv: string[], out: Console, launch: Launch): Promise<void> {
  const args = await parseDevArgs(argv, out, launch);
  if (args === null) return;
  await readConfig(launch.root, args.story);
  const { supervise } = await import('../dev/supervisor.ts');
  const supervisor = supervise({
    script: DEV_SCRIPT,
    args: [args.story],
    ...(args.port === undefined ? {} : { port: args.port }),
    codeDir: join(launch.root, 'src'),
    log: out,
  });
  const stop = () => void supervisor.stop();
  const orphaned = watchParent(stop);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  try {
    process.exitCode = await supervisor.done;
  } finally {
    clearInterval(orphaned);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
  }
}

/** The child: serves until told to stop (a signal, or the supervisor gone). */
export async function devServerCommand(argv: string[], out: Console, launch: Launch): Promise<void> {
  const args = await parseDevArgs(argv, { log: () => {}, error: out.error }, launch);
  if (args === null) return;
  const config = await readConfig(launch.root, args.story);
  const { startDevServer } = await import('../dev/server.ts');
  const server = await startDevServer({
    ...(args.port === undefined ? {} : { port: args.port }),
    strictPort: args.port !== undefined,
    config,
    log: out,
  });
  process.send?.({ type: 'newsbook-dev-ready', port: server.port, url: server.url });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    process.once('disconnect', resolve);
  });
  await server.close();
  // The IPC channel would keep this process alive.
  if (process.connected) process.disconnect();
}

/**
 * Calls `stop` once the process that started this one is gone. `npm run dev`
 * runs this command under npm (and tsx); when npm is killed, a signal does
 * not always reach this far, and an orphan would keep the port.
 */
function watchParent(stop: () => void): NodeJS.Timeout {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent || !isRunning(parent)) {
      clearInterval(timer);
      stop();
    }
  }, 250);
  timer.unref();
  return timer;
}
