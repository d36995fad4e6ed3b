// `npm run dev [-- --port N]`: the live preview (src/dev/). Two processes:
// this command supervises (watches src/, restarts on a code change) and its
// child serves (watches the narrative and the data, rebuilds in memory).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CliError } from './errors.ts';
import { ROOT } from './paths.ts';
import type { Console } from './run.ts';
import { parseCommandArgs } from './run.ts';

const OPTIONS = {
  port: { type: 'string' },
  root: { type: 'string' },
} as const;

export const DEV_SCRIPT = fileURLToPath(new URL('../../scripts/dev.ts', import.meta.url));

interface DevArgs {
  /** Undefined: the default port, moving to the next free one when busy. */
  port: number | undefined;
  root: string | undefined;
}

function parseDevArgs(argv: string[]): DevArgs {
  const args = parseCommandArgs(argv, OPTIONS);
  let port: number | undefined;
  if (args.port !== undefined) {
    port = Number(args.port);
    if (!/^\d+$/.test(args.port) || port > 65535) throw new CliError(`Unexpected port \`${args.port}\`: expected a number from 0 to 65535 (0 = any free port)`, [], 2);
  }
  return { port, root: args.root };
}

/** The supervisor: runs the server in a child process, restarted on every change in src/. */
export async function devCommand(argv: string[], out: Console): Promise<void> {
  const { port, root } = parseDevArgs(argv);
  const { supervise } = await import('../dev/supervisor.ts');
  const supervisor = supervise({
    script: DEV_SCRIPT,
    args: root === undefined ? [] : ['--root', root],
    ...(port === undefined ? {} : { port }),
    codeDir: join(ROOT, 'src'),
    log: out,
  });
  const stop = () => void supervisor.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    process.exitCode = await supervisor.done;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** The child: serves until told to stop (a signal, or the supervisor gone). */
export async function devServerCommand(argv: string[], out: Console): Promise<void> {
  const { port, root } = parseDevArgs(argv);
  const { startDevServer } = await import('../dev/server.ts');
  const server = await startDevServer({ ...(port === undefined ? {} : { port }), strictPort: port !== undefined, ...(root === undefined ? {} : { root }), log: out });
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
