// The explainer as readers get it: opened from disk in a real browser, with
// and without JavaScript, on a phone and a wide screen.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HtmlValidate } from 'html-validate';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, ROOT, storyConfig } from '../story.ts';
import { buildExplainer } from '../../src/project/report.ts';
import { launch } from './browser.ts';

const require = createRequire(import.meta.url);
const SCREENSHOTS = join(ROOT, 'tests/screenshots');
let browser: Browser;
let dir: string;
let url: string;
let html: string;

beforeAll(async () => {
  ({ html } = await buildExplainer(await storyConfig(), PATHS.derived));
  dir = mkdtempSync(join(tmpdir(), 'newsbook-page-'));
  const file = join(dir, 'kazakhstan-unrest.html');
  writeFileSync(file, html);
  url = pathToFileURL(file).href;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the page, recording every request beyond the file itself and every console error. */
async function open(options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, errors, close: () => context.close() };
}

describe('the explainer in a browser', () => {
  it('renders with JavaScript disabled: text, charts and footnotes', async () => {
    const { page, requests, errors, close } = await open({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    await expect(page.locator('h1').textContent()).resolves.toContain('Kazakhstan');
    expect(await page.locator('.chart-plot svg').first().isVisible()).toBe(true);
    expect(await page.locator('section[data-footnotes] li').count()).toBeGreaterThan(5);
    // Without script the footnote mark is a plain link to its note.
    await page.locator('a[data-footnote-ref]').first().click();
    expect(new URL(page.url()).hash).toMatch(/^#fn-/);
    // And the note's back-link leads back to the mark.
    const back = page.locator(`${new URL(page.url()).hash} .fn-back`).first();
    const link = (await back.evaluate((e) => e.tagName)) === 'A' ? back : back.locator('a').first();
    await link.click();
    expect(new URL(page.url()).hash).toMatch(/^#fnref-/);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('numbers footnotes in reading order, one per quoted sentence', async () => {
    const { page, close } = await open({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const { firsts, notes, sentences } = await page.evaluate(() => {
      const seen = new Set<string>();
      const firsts: number[] = [];
      for (const a of document.querySelectorAll('a[data-footnote-ref]')) {
        if (seen.has(a.getAttribute('href') ?? '')) continue;
        seen.add(a.getAttribute('href') ?? '');
        firsts.push(Number(a.textContent));
      }
      const quoted = [...document.querySelectorAll('section[data-footnotes] li[id^="fn-q-"]')];
      return {
        firsts,
        notes: quoted.length,
        sentences: new Set(quoted.map((li) => li.querySelector('p')?.textContent?.trim())).size,
      };
    });
    expect(firsts).toEqual(firsts.map((_, i) => i + 1));
    expect(notes).toBe(sentences);
    await close();
  });

  it('shows at most two sentences under each chart, the full description behind "Describe this chart"', async () => {
    const { page, close } = await open({ viewport: { width: 1280, height: 900 } });
    const summaries = await page.locator('figure.chart .chart-summary').allTextContents();
    expect(summaries.length).toBeGreaterThanOrEqual(5);
    for (const text of summaries)
      expect(text.trim().split(/(?<=[.!?])\s+(?=[A-Z0-9“])/).length, text).toBeLessThanOrEqual(2);
    // The full description is hidden until asked for, and describes the chart to a screen reader all the same.
    expect(await page.locator('.chart-description').first().isVisible()).toBe(false);
    const described = await page
      .locator('.chart-plot')
      .first()
      .evaluate((e) => document.getElementById(e.getAttribute('aria-describedby') ?? '')?.textContent?.length ?? 0);
    expect(described).toBeGreaterThan(200);
    await close();
  });

  it('makes no network request and logs no console error with JavaScript on', async () => {
    const { page, requests, errors, close } = await open({ viewport: { width: 1280, height: 900 } });
    await page.mouse.wheel(0, 5000);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('passes axe-core with zero violations', async () => {
    // axe is injected by the test; the page's own policy rightly forbids foreign scripts.
    const { page, close } = await open({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as {
          axe: { run: () => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe.run();
      return result.violations.map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')})`,
      );
    });
    expect(violations).toEqual([]);
    await close();
  });

  it('previews a footnote in place on hover', async () => {
    const { page, close } = await open({ viewport: { width: 1280, height: 900 } });
    const mark = page.locator('a[data-footnote-ref]').first();
    await mark.hover();
    const preview = page.locator('#fn-preview');
    await expect(preview.isVisible()).resolves.toBe(true);
    expect(await preview.textContent()).toMatch(/“.+”/);
    expect(await mark.getAttribute('aria-describedby')).toBe('fn-preview');
    await close();
  });

  it('previews on the first tap and follows the link on the second', async () => {
    const { page, close } = await open({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const mark = page.locator('a[data-footnote-ref]').first();
    await mark.tap();
    await expect(page.locator('#fn-preview').isVisible()).resolves.toBe(true);
    expect(new URL(page.url()).hash).toBe('');
    await mark.tap();
    expect(new URL(page.url()).hash).toMatch(/^#fn-/);
    await close();
  });

  it('keeps chart text at 11 CSS px or more on a 375 px phone', async () => {
    const { page, close } = await open({ viewport: { width: 375, height: 740 }, isMobile: true, deviceScaleFactor: 2 });
    const smallest = await page.evaluate(() => {
      let min = Infinity;
      for (const text of document.querySelectorAll('figure.chart svg text')) {
        const box = (text as SVGGraphicsElement).getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || !(text as SVGTextElement).textContent?.trim()) continue;
        const svg = (text as SVGElement).ownerSVGElement;
        const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
        const size = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
        min = Math.min(min, size);
      }
      return min;
    });
    expect(smallest).toBeGreaterThanOrEqual(11);
    await close();
  });

  it('writes screenshots at 375, 768 and 1280 px, light and dark, and a printed PDF, for a person to look at', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [375, 768, 1280]) {
        const { page, close } = await open({ viewport: { width, height: 900 }, colorScheme });
        const name = `explainer-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`;
        await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
        await close();
        expect(readFileSync(join(SCREENSHOTS, name)).length).toBeGreaterThan(10_000);
      }
    }
    const { page, close } = await open();
    await page.pdf({ path: join(SCREENSHOTS, 'explainer.pdf'), format: 'A4', printBackground: true });
    await close();
    expect(readFileSync(join(SCREENSHOTS, 'explainer.pdf')).length).toBeGreaterThan(10_000);
  });
});

describe('the built file', () => {
  it('is valid HTML (html-validate reports no errors)', async () => {
    // Valid HTML, written small: optional end tags and unneeded quotes are left out on purpose (style rules, not errors).
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'no-inline-style': 'off', 'long-title': 'off', 'attr-quotes': 'off', 'no-implicit-close': 'off' },
    });
    const report = await validator.validateString(html);
    const errors = report.results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
    );
    expect(errors).toEqual([]);
  });

  it('is at most 150 KB', () => {
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(150 * 1024);
  });
});
