// The live preview (`npm run dev`) as an editor uses it: a server on a free
// loopback port, in a temp copy of report/ and data/, driven by real file
// saves, watched through its event stream; the ports it takes, and close().
// Bounded waits; no network beyond 127.0.0.1.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, get } from 'node:http';
import type { ClientRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, ROOT, storyConfig } from '../story.ts';
import { buildExplainer } from '../../src/project/report.ts';
import { takeEvents } from '../../src/dev/event-stream.ts';
import { listen, startDevServer } from '../../src/dev/server.ts';
import type { DevServer, RebuildEvent } from '../../src/dev/server.ts';
import { relaxCsp } from '../../src/dev/preview.ts';
import { WAIT, copyProject } from './dev-fixture.ts';

let dir: string;
let server: DevServer;
const lines: string[] = [];
let narrative: string;
let original: string;

/** Resolves with the next event that matches, or fails after `ms`. */
function nextRebuild(match: (e: RebuildEvent) => boolean = () => true, ms = WAIT): Promise<RebuildEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.events.off('rebuild', on);
      reject(new Error(`no rebuild within ${ms} ms; console:\n${lines.join('\n')}`));
    }, ms);
    const on = (event: RebuildEvent) => {
      if (!match(event)) return;
      clearTimeout(timer);
      server.events.off('rebuild', on);
      resolve(event);
    };
    server.events.on('rebuild', on);
  });
}

interface EventStream {
  next(type: string, ms?: number): Promise<unknown>;
  ended: Promise<void>;
  close(): void;
}

/** A minimal EventSource: the events of `/__newsbook/events`, in order. */
function openEvents(url: string): EventStream {
  const seen: { type: string; data: unknown }[] = [];
  const waiting: { type: string; resolve: (data: unknown) => void }[] = [];
  let endStream!: () => void;
  const ended = new Promise<void>((resolve) => (endStream = resolve));
  const deliver = () => {
    for (const w of [...waiting]) {
      const i = seen.findIndex((e) => e.type === w.type);
      if (i === -1) continue;
      const [event] = seen.splice(i, 1);
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(event!.data);
    }
  };
  const request: ClientRequest = get(new URL('/__newsbook/events', url), { agent: false }, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const { events, rest } = takeEvents(buffer + chunk);
      buffer = rest;
      seen.push(...events);
      deliver();
    });
    res.on('end', endStream);
    res.on('close', endStream);
  });
  request.on('error', endStream);
  return {
    ended,
    next(type, ms = WAIT) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no \`${type}\` event within ${ms} ms`)), ms);
        waiting.push({ type, resolve: (data) => (clearTimeout(timer), resolve(data)) });
        deliver();
      });
    },
    close: () => request.destroy(),
  };
}

async function page(): Promise<string> {
  const res = await fetch(server.url);
  expect(res.status).toBe(200);
  return res.text();
}

const OVERLAY = /<section id="__newsbook-overlay"[\s\S]*?<\/section>/;

function listing(path: string): string[] {
  return existsSync(path)
    ? readdirSync(path)
        .map((name) => `${name}:${statSync(join(path, name)).mtimeMs}`)
        .sort()
    : [];
}

let outputsBefore: { derived: string[]; dist: string[] };

beforeAll(async () => {
  dir = copyProject();
  narrative = join(dir, 'report/kazakhstan-unrest.md');
  original = readFileSync(narrative, 'utf8');
  outputsBefore = {
    derived: listing(join(dir, 'data/kazakhstan-unrest/derived')),
    dist: listing(join(dir, 'report/dist')),
  };
  server = await startDevServer({
    // No extraction cache: what each test re-derives does not depend on what earlier runs left there.
    cache: null,
    port: 0,
    config: await storyConfig(dir),
    log: { log: (l) => lines.push(l), error: (l) => lines.push(l) },
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run dev: the live preview', () => {
  it('serves the explainer on 127.0.0.1 with the reload script and a CSP that lets it connect', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<h1>Kazakhstan');
    expect(html).toMatch(/<script src="\/__newsbook\/client\.js" data-build="[^"]+"><\/script>\n<\/body>/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/(^|; )script-src [^;]*'self'/);
    expect(csp).toMatch(/(^|; )connect-src 'self'/);
    expect(csp).toMatch(/^default-src 'none'/);
    const client = await fetch(new URL('/__newsbook/client.js', server.url));
    expect(client.headers.get('content-type')).toMatch(/javascript/);
    expect(await client.text()).toContain('new EventSource("/__newsbook/events")');
    expect((await fetch(new URL('/nothing-here', server.url))).status).toBe(404);
    expect(lines.join('\n')).toMatch(/✔ ready in \d+ ms: 5 articles/);
    expect(lines.join('\n')).toContain('`npm run report` writes them');
  });

  it('never puts the reload script in the built file, and writes nothing itself', async () => {
    const { html } = await buildExplainer(await storyConfig(dir), join(dir, 'data/kazakhstan-unrest/derived'));
    expect(html).not.toContain('__newsbook');
    expect(html).not.toContain('connect-src');
    const built = join(PATHS.dist, PATHS.output);
    if (existsSync(built)) expect(readFileSync(built, 'utf8')).not.toContain('__newsbook');
    expect(listing(join(dir, 'data/kazakhstan-unrest/derived'))).toEqual(outputsBefore.derived);
    expect(listing(join(dir, 'report/dist'))).toEqual(outputsBefore.dist);
  });

  it('relaxes only script-src and connect-src, keeping the page’s own hashes', () => {
    const meta = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-abc='; style-src 'unsafe-inline'">`;
    expect(relaxCsp(meta)).toBe(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-abc=' 'self'; style-src 'unsafe-inline'; connect-src 'self'">`,
    );
  });

  it('re-renders an edited narrative without re-deriving or redrawing, and tells the page to reload', async () => {
    const events = openEvents(server.url);
    try {
      const hello = (await events.next('hello')) as { build: string };
      expect(hello.build).toMatch(/\S/);
      const rebuilt = nextRebuild();
      writeFileSync(
        narrative,
        original.replace('In the first week of January 2022', 'In the very first week of January 2022'),
      );
      const reload = (await events.next('reload')) as { build: string };
      expect(reload.build).not.toBe(hello.build);
      const event = await rebuilt;
      expect(event).toMatchObject({
        kind: 'narrative',
        derived: [],
        reactions: [],
        rendered: true,
        ok: true,
        charts: { rendered: 0 },
      });
      expect(event.charts.cached).toBeGreaterThan(0);
      const html = await page();
      expect(html).toContain('In the very first week of January 2022');
      expect(html).toContain(`data-build="${reload.build}"`);
      expect(lines.at(-1)).toMatch(
        /^↻ report\/kazakhstan-unrest\.md changed → page rebuilt \(charts: 0 drawn, \d+ cached\) in \d+ ms$/,
      );
    } finally {
      events.close();
    }
  });

  it('shows a broken directive as an escaped overlay with file:line:column over the last good page, then recovers', async () => {
    const broken = original
      .replace('In the first week of January 2022', 'In the very first week of January 2022')
      .replace('::chart{name="casualty-evolution"}', '::chart{name="<img src=x onerror=alert(1)>"}');
    const line = broken.split('\n').findIndex((l) => l.startsWith('::chart{name="<img')) + 1;
    const failed = nextRebuild();
    writeFileSync(narrative, broken);
    const event = await failed;
    expect(event.ok).toBe(false);
    expect(event.errors[0]).toMatchObject({ line, column: 1, ruleId: 'chart-unknown' });
    const html = await page();
    const overlay = OVERLAY.exec(html)?.[0] ?? '';
    expect(overlay).toContain(`<code>report/kazakhstan-unrest.md:${line}:1</code>`);
    expect(overlay).toContain('`&lt;img src=x onerror=alert(1)&gt;`');
    expect(html).not.toContain('<img src=x');
    // The last good page is still there, under the overlay.
    expect(html).toContain('In the very first week of January 2022');
    expect(lines.join('\n')).toContain(`report/kazakhstan-unrest.md:${line}:1  error  Unexpected unknown chart`);
    expect(lines.at(-1)).toMatch(
      /^✖ report\/kazakhstan-unrest\.md changed → page not rebuilt: 1 error, shown over the last good page/,
    );

    const fixed = nextRebuild();
    writeFileSync(narrative, original);
    expect(await fixed).toMatchObject({ ok: true, rendered: true, errors: [] });
    const recovered = await page();
    expect(recovered).not.toMatch(OVERLAY);
    expect(recovered).toContain('In the first week of January 2022');
    expect(lines.at(-1)).toMatch(/^✔ fixed: report\/kazakhstan-unrest\.md changed → page rebuilt/);
  });

  it('re-derives only the edited article, renumbering only its ids', async () => {
    const before = await server.project.currentData();
    const others = (rows: readonly { id: string; article: string }[]) => rows.filter((r) => r.article !== '002');
    const article = join(dir, 'data/kazakhstan-unrest/articles/002.md');
    const text = readFileSync(article, 'utf8');
    const sentence = 'Police said at least 17 protesters were killed in Aktobe on Thursday.';
    const rebuilt = nextRebuild();
    writeFileSync(article, `${text.trimEnd()}\n\n${sentence}\n`);
    const event = await rebuilt;
    expect(event).toMatchObject({
      kind: 'article',
      changed: ['data/kazakhstan-unrest/articles/002.md'],
      derived: ['002'],
      reactions: [],
      ok: true,
      rendered: true,
    });
    expect(event.charts.rendered).toBeGreaterThan(0);
    const after = await server.project.currentData();
    const mine = after.casualties.filter((r) => r.article === '002');
    expect(mine.some((r) => r.quote === sentence && r.value === 17)).toBe(true);
    expect(mine.map((r) => r.id)).toEqual(mine.map((_, i) => `002-c${i + 1}`));
    // Every other article's rows are the very same objects: not derived again.
    expect(others(after.casualties)).toEqual(others(before.casualties));
    others(after.casualties).forEach((row, i) => expect(row).toBe(others(before.casualties)[i]));
    others(after.reactions).forEach((row, i) => expect(row).toBe(others(before.reactions)[i]));
    const charts = original.match(/^::chart\{/gm)?.length;
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^↻ data/kazakhstan-unrest/articles/002\\.md changed → re-derived article 002, page rebuilt \\(charts: ${charts} drawn, 0 cached\\) in \\d+ ms$`,
      ),
    );

    // Broken front matter: an overlay naming the file, line and column; the last rows stay.
    const failed = nextRebuild();
    writeFileSync(article, text.replace('published: 2022-01-07', 'published: 7 January'));
    expect((await failed).ok).toBe(false);
    const overlay = OVERLAY.exec(await page())?.[0] ?? '';
    expect(overlay).toMatch(
      /<code>data\/kazakhstan-unrest\/articles\/002\.md:6:12<\/code> <strong>error<\/strong> Unexpected value &quot;7 January&quot; for field `published`/,
    );
    expect((await server.project.currentData()).casualties.some((r) => r.quote === sentence)).toBe(true);

    const fixed = nextRebuild();
    writeFileSync(article, text);
    expect(await fixed).toMatchObject({ ok: true, derived: ['002'] });
    expect(await page()).not.toMatch(OVERLAY);
    expect((await server.project.currentData()).casualties.some((r) => r.quote === sentence)).toBe(false);
    expect(others((await server.project.currentData()).casualties)).toEqual(others(before.casualties));
  }, 60_000);

  it('applies an edited review to the article it names only, shows a broken one, and recovers', async () => {
    const reviewPath = join(dir, 'data/kazakhstan-unrest/review.yaml');
    const text = readFileSync(reviewPath, 'utf8');
    const target = (await server.project.currentData()).casualties.find(
      (r) => r.article === '002' && r.reviewed !== true,
    );
    expect(target).toBeDefined();
    const entry = (extra = '') =>
      `\n  - article: "002"\n    quote: ${JSON.stringify(target!.quote)}\n    phrase: ${JSON.stringify(target!.phrase)}\n    measure: ${target!.measure}\n    group: ${target!.group}\n${extra}    reject: true\n    note: a test\n`;
    const withEntry = (extra?: string) => text.replace(/^casualties:\n/m, `casualties:${entry(extra)}`);
    expect(withEntry()).not.toBe(text);

    const rejected = nextRebuild();
    writeFileSync(reviewPath, withEntry());
    const event = await rejected;
    expect(event).toMatchObject({
      kind: 'review',
      changed: ['data/kazakhstan-unrest/review.yaml'],
      ok: true,
      rendered: true,
    });
    expect([...event.derived, ...event.reviewed]).toEqual(['002']);
    expect((await server.project.currentData()).casualties.some((r) => r.id === target!.id)).toBe(false);

    const failed = nextRebuild();
    writeFileSync(reviewPath, withEntry('    colour: red\n'));
    expect((await failed).ok).toBe(false);
    const line =
      withEntry('    colour: red\n')
        .split('\n')
        .findIndex((l) => l.startsWith('    colour:')) + 1;
    expect(OVERLAY.exec(await page())?.[0]).toContain(
      `<code>data/kazakhstan-unrest/review.yaml:${line}:5</code> <strong>error</strong> Unexpected field \`colour\``,
    );
    // The last good review stays applied meanwhile.
    expect((await server.project.currentData()).casualties.some((r) => r.id === target!.id)).toBe(false);

    const fixed = nextRebuild();
    writeFileSync(reviewPath, text);
    expect(await fixed).toMatchObject({ ok: true, kind: 'review' });
    expect(await page()).not.toMatch(OVERLAY);
    expect((await server.project.currentData()).casualties.some((r) => r.id === target!.id)).toBe(true);
  }, 60_000);

  it('redraws the timeline when report/kazakhstan-unrest.timeline.yaml changes, without deriving, and shows a broken one', async () => {
    const timeline = join(dir, 'report/kazakhstan-unrest.timeline.yaml');
    const text = readFileSync(timeline, 'utf8');
    const renamed = text.replace('A crowd occupies Almaty airport', 'A crowd takes Almaty airport');
    const rebuilt = nextRebuild();
    writeFileSync(timeline, renamed);
    expect(await rebuilt).toMatchObject({
      kind: 'timeline',
      changed: ['report/kazakhstan-unrest.timeline.yaml'],
      derived: [],
      reactions: [],
      ok: true,
    });
    expect((await server.project.currentData()).events?.map((e) => e.text)).toContain('A crowd takes Almaty airport');
    expect(await page()).toContain('A crowd takes Almaty airport');

    const failed = nextRebuild();
    writeFileSync(timeline, renamed.replace('a crowd occupied the airport', 'a crowd seized the airport'));
    expect((await failed).ok).toBe(false);
    expect(OVERLAY.exec(await page())?.[0]).toMatch(
      /<code>report\/kazakhstan-unrest\.timeline\.yaml:\d+:5<\/code> <strong>error<\/strong> Unexpected quote in event e6/,
    );

    const fixed = nextRebuild();
    writeFileSync(timeline, text);
    expect(await fixed).toMatchObject({ ok: true, kind: 'timeline' });
    expect(await page()).not.toMatch(OVERLAY);
  }, 60_000);

  it('re-derives the reactions of every article, and nothing else, when the gazetteer changes', async () => {
    const gazetteer = join(dir, 'data/gazetteer.yaml');
    const casualties = (await server.project.currentData()).casualties;
    const rebuilt = nextRebuild();
    writeFileSync(gazetteer, `${readFileSync(gazetteer, 'utf8')}\n# an editor's note\n`);
    const event = await rebuilt;
    expect(event).toMatchObject({
      kind: 'gazetteer',
      derived: [],
      reactions: ['000', '001', '002', '003', '004'],
      ok: true,
    });
    expect((await server.project.currentData()).casualties).toEqual(casualties);
  }, 60_000);

  it('takes a burst of writes as one save', async () => {
    const events: RebuildEvent[] = [];
    const on = (e: RebuildEvent) => events.push(e);
    server.events.on('rebuild', on);
    const rebuilt = nextRebuild();
    writeFileSync(narrative, '');
    writeFileSync(narrative, original.slice(0, 100));
    writeFileSync(narrative, original.replace('In the first week', 'In the 1st week'));
    await rebuilt;
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.events.off('rebuild', on);
    expect(events).toHaveLength(1);
    expect(await page()).toContain('In the 1st week');
  });
});

describe('npm run dev: ports', () => {
  let busy: NetServer;
  let busyPort: number;
  beforeAll(async () => {
    busy = createNetServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('moves to the next free port when the default one is busy, and says so', async () => {
    const http = createHttpServer();
    const said: string[] = [];
    const port = await listen(http, busyPort, false, { log: (l) => said.push(l), error: (l) => said.push(l) });
    try {
      expect(port).toBeGreaterThan(busyPort);
      expect(said).toEqual([
        `ℹ port ${busyPort} is busy: serving on ${port} instead (\`--port N\` picks a port and never moves)`,
      ]);
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });

  it('refuses a busy port asked for with --port, clearly, before any work', async () => {
    await expect(startDevServer({ port: busyPort, strictPort: true, config: await storyConfig(dir) })).rejects.toThrow(
      `Cannot serve on port ${busyPort}: it is busy (another dev server?). Choose another with \`--port N\`, or leave out --port to take the next free one`,
    );
  });

  it('exits non-zero from the command line, with the message and no stack trace', async () => {
    const run = promisify(execFile);
    const error = await run(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'scripts/dev.ts'), '--port', String(busyPort)],
      { cwd: ROOT, timeout: 60_000 },
    ).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain(`✖ Cannot serve on port ${busyPort}: it is busy`);
    expect(error?.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('npm run dev: close()', () => {
  it('frees the port, ends the event streams and stops watching', async () => {
    const events = openEvents(server.url);
    await events.next('hello');
    const { port } = server;
    const rebuilds: RebuildEvent[] = [];
    server.events.on('rebuild', (e) => rebuilds.push(e));
    await server.close();
    await Promise.race([
      events.ended,
      new Promise((_, reject) => setTimeout(() => reject(new Error('event stream still open')), 5000)),
    ]);
    await expect(fetch(server.url)).rejects.toThrow();
    const probe = createNetServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    writeFileSync(narrative, `${original}\nAfter close.\n`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rebuilds).toEqual([]);
  });
});
