// Determinism (issue 7, Faults): two builds on different days and in different
// time zones give identical bytes. Each build runs in its own process, with
// its own TZ and, through the fake-today.ts preload, its own "today"; the
// child reports the clock and zone it saw, so a preload that silently stopped
// working fails here rather than passing vacuously.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../story.ts';

const run = promisify(execFile);
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const FAKE_TODAY = pathToFileURL(join(ROOT, 'tests/report/fake-today.ts')).href;
const TIMEOUT = 180_000;

interface Clock {
  /** TZ for the child. */
  tz: string;
  /** ISO instant the child takes for now, or null for the real clock. */
  now: string | null;
  /** Extra environment (a locale). */
  env?: Record<string, string>;
}

/** Runs a script under tsx with the given zone and clock. */
async function inClock(clock: Clock, args: string[]): Promise<string> {
  const preload = clock.now ? ['--import', FAKE_TODAY] : [];
  const env = { ...process.env, TZ: clock.tz, ...(clock.now ? { FAKE_NOW: clock.now } : {}), ...clock.env };
  const { stdout } = await run(TSX, [...preload, ...args], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Where two strings first differ, with some context, for a readable failure. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i === a.length && i === b.length
    ? 'identical'
    : `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))} vs ${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}`;
}

// Different days in every sense: other years, either side of midnight UTC,
// and zones 22 hours apart (UTC+14 and UTC−8), so even the local dates differ.
// The last one also has another locale, which a bare toLocaleString() would show.
// Three builds only: each is a cold start of several seconds on this machine.
const CLOCKS: Clock[] = [
  { tz: 'UTC', now: null },
  { tz: 'Pacific/Kiritimati', now: '2031-07-15T23:30:00Z' },
  { tz: 'America/Los_Angeles', now: '1999-12-31T23:59:30-08:00', env: { LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' } },
];

describe('the explainer is the same bytes whatever the day and time zone', () => {
  it(
    'builds identically in UTC today, at UTC+14 in 2031 and at UTC−8 (German locale) on 31 Dec 1999',
    async () => {
      const builds = await Promise.all(
        CLOCKS.map(async (clock) => {
          const out = JSON.parse(await inClock(clock, [join(ROOT, 'tests/report/build-explainer.ts')])) as {
            sha256: string;
            html: string;
            today: string;
            timeZone: string;
            locale: string;
          };
          return { clock, ...out };
        }),
      );
      for (const build of builds) {
        // The child really ran in that zone, on that day.
        expect(build.timeZone).toBe(build.clock.tz);
        if (build.clock.env?.['LC_ALL']) expect(build.locale).toMatch(/^de/);
        if (build.clock.now)
          expect(Math.abs(Date.parse(build.today) - Date.parse(build.clock.now))).toBeLessThan(60_000);
        else expect(Math.abs(Date.parse(build.today) - Date.now())).toBeLessThan(60_000);
      }
      const [reference] = builds;
      for (const build of builds.slice(1)) {
        expect(
          build.sha256,
          `${build.clock.tz} ${build.clock.now}: ${firstDifference(reference!.html, build.html)}`,
        ).toBe(reference!.sha256);
      }
    },
    TIMEOUT,
  );
});

describe('derive gives the same bytes whatever the day and time zone', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'derives identical datasets at UTC+14 in 2031 and at UTC−8 on 31 Dec 1999',
    async () => {
      const clocks = [CLOCKS[1]!, CLOCKS[2]!];
      const outs = await Promise.all(
        clocks.map(async (clock) => {
          const out = mkdtempSync(join(tmpdir(), 'newsbook-determinism-'));
          dirs.push(out);
          await inClock(clock, [
            join(ROOT, 'scripts/derive.ts'),
            '--articles',
            join(ROOT, 'data/kazakhstan-unrest/articles'),
            '--out',
            out,
          ]);
          return out;
        }),
      );
      const [a, b] = outs as [string, string];
      const names = readdirSync(a).sort();
      expect(names).toEqual(readdirSync(b).sort());
      expect(names).toEqual(
        expect.arrayContaining([
          'casualties.json',
          'casualties.csv',
          'reactions.json',
          'reactions.csv',
          'articles.json',
          'manifest.json',
        ]),
      );
      for (const name of names) {
        const x = readFileSync(join(a, name), 'utf8');
        const y = readFileSync(join(b, name), 'utf8');
        expect(x === y, `${name} ${firstDifference(x, y)}`).toBe(true);
      }
    },
    TIMEOUT,
  );
});
