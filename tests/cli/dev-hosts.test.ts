// Issue 14, item 7: the preview answers only requests addressed to
// 127.0.0.1:PORT or localhost:PORT, from no other site, so that a page on
// another site cannot read the unpublished draft through DNS rebinding.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, storyConfig } from '../story.ts';
import { startDevServer } from '../../src/dev/server.ts';
import type { DevServer } from '../../src/dev/server.ts';

let dir: string;
let server: DevServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsbook-dev-hosts-'));
  cpSync(join(ROOT, 'report'), join(dir, 'report'), { recursive: true, filter: (src) => !src.includes('/dist') });
  mkdirSync(join(dir, 'data'));
  for (const name of readdirSync(join(ROOT, 'data')))
    cpSync(join(ROOT, 'data', name), join(dir, 'data', name), { recursive: true });
  server = await startDevServer({ port: 0, config: await storyConfig(dir) });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The status of a GET to the server with these headers (the events stream is not read past its status). */
function status(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers, setHost: false }, (res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer')));
    req.end();
  });
}

describe('the dev server', () => {
  it('answers its own addresses', async () => {
    expect(await status('/', { Host: `127.0.0.1:${server.port}` })).toBe(200);
    expect(await status('/', { Host: `localhost:${server.port}` })).toBe(200);
    expect(
      await status('/__newsbook/events', {
        Host: `localhost:${server.port}`,
        Origin: `http://localhost:${server.port}`,
      }),
    ).toBe(200);
  });

  it('refuses another Host (DNS rebinding) with 421, for the page and the events', async () => {
    expect(await status('/', { Host: `evil.example:${server.port}` })).toBe(421);
    expect(await status('/__newsbook/events', { Host: `evil.example:${server.port}` })).toBe(421);
    expect(await status('/', { Host: '127.0.0.1:1' })).toBe(421);
    // Without a Host, Node's HTTP server answers 400 itself.
    expect([400, 421]).toContain(await status('/', {}));
  });

  it('refuses another Origin with 403, for the page and the events', async () => {
    expect(await status('/', { Host: `127.0.0.1:${server.port}`, Origin: 'http://evil.example' })).toBe(403);
    expect(
      await status('/__newsbook/events', { Host: `127.0.0.1:${server.port}`, Origin: 'http://evil.example' }),
    ).toBe(403);
  });
});
