// `npm run dev` as a command: the supervisor that restarts the server when the
// code changes, on the same port, and the command itself, run in a whole copy
// of the project and stopped by Ctrl-C or through npm, leaving no process
// behind. Bounded waits; no network beyond 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, STORY } from '../story.ts';
import { copyWholeProject } from '../../src/bench/project-copy.ts';
import { supervise } from '../../src/dev/supervisor.ts';
import type { ReadyMessage } from '../../src/dev/supervisor.ts';
import { WAIT } from './dev-fixture.ts';

describe('npm run dev: code changes restart the server', () => {
  it('restarts the child on a change in the code folder, on the same port, and stops cleanly', async () => {
    const work = mkdtempSync(join(tmpdir(), 'newsbook-supervise-'));
    const code = join(work, 'src');
    mkdirSync(code);
    writeFileSync(join(code, 'a.ts'), 'export {};\n');
    // A stand-in for the server: listens on --port (0 = any) and says so.
    const child = join(work, 'child.mjs');
    writeFileSync(
      child,
      `import { createServer } from 'node:http';
const i = process.argv.indexOf('--port');
const server = createServer((req, res) => res.end('ok'));
server.listen(i === -1 ? 0 : Number(process.argv[i + 1]), '127.0.0.1', () => {
  const port = server.address().port;
  process.send({ type: 'newsbook-dev-ready', port, url: 'http://127.0.0.1:' + port + '/' });
});
const stop = () => server.close(() => process.disconnect());
process.once('SIGTERM', stop);
`,
    );
    const said: string[] = [];
    const supervisor = supervise({
      script: child,
      args: [],
      port: 0,
      codeDir: code,
      log: { log: (l) => said.push(l), error: (l) => said.push(l) },
      execArgv: [],
      debounceMs: 50,
    });
    const ready = () =>
      new Promise<ReadyMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child not ready: ${said.join('\n')}`)), WAIT);
        supervisor.events.once('ready', (m) => (clearTimeout(timer), resolve(m)));
      });
    try {
      const first = await ready();
      expect(await (await fetch(first.url)).text()).toBe('ok');
      const second = ready();
      writeFileSync(join(code, 'a.ts'), 'export const changed = 1;\n');
      expect((await second).port).toBe(first.port);
      expect(said.join('\n')).toMatch(/↻ .*a\.ts changed: code changed, restarting the server/);
      expect(await (await fetch(first.url)).text()).toBe('ok');
    } finally {
      await supervisor.stop();
      rmSync(work, { recursive: true, force: true });
    }
    expect(await supervisor.done).toBe(0);
  }, 60_000);
});

describe('npm run dev: the command', () => {
  /** Starts `command` in a whole copy of the project and resolves with the preview's address once it serves. */
  function startIn(root: string, command: string, args: string[]) {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready:\n${output}`)), 90_000);
      const check = () => {
        const match = /newsbook dev server: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match && output.includes('✔ ready in')) {
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve(match[1]!);
        }
      };
      child.stdout.on('data', check);
      void exited.then(() => reject(new Error(`exited early:\n${output}`)));
    });
    return { child, exited, url };
  }

  /** Neither the supervisor nor the server it ran is left running, nor listening. */
  async function expectNothingLeft(root: string, url: string) {
    // A process may take a moment to go once its parent has.
    const answers = () =>
      fetch(url).then(
        () => true,
        () => false,
      );
    for (let i = 0; i < 40 && (await answers()); i++) await new Promise((r) => setTimeout(r, 250));
    for (let i = 0; i < 40 && execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).includes(root); i++)
      await new Promise((r) => setTimeout(r, 250));
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(root);
    await expect(fetch(url)).rejects.toThrow();
  }

  it('starts, serves the page and stops on Ctrl-C with exit code 0, leaving no process behind', async () => {
    const root = copyWholeProject();
    const { child, exited, url } = startIn(root, join(ROOT, 'node_modules/.bin/tsx'), [
      join(root, 'scripts/dev.ts'),
      '--port',
      '0',
    ]);
    try {
      const res = await fetch(await url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('/__newsbook/client.js');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      await expectNothingLeft(root, await url);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops with npm: %s to `npm run dev` leaves nothing listening',
    async (signal) => {
      const root = copyWholeProject();
      const { child, url } = startIn(root, 'npm', ['run', '--silent', 'dev', '--', STORY, '--port', '0']);
      try {
        expect((await fetch(await url)).status).toBe(200);
        child.kill(signal);
        await expectNothingLeft(root, await url);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        rmSync(root, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
