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
    const { page, requests, errors, close } = await open({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await expect(page.locator('h1').textContent()).resolves.toContain('Kazakhstan');
    expect(await page.locator('.chart-wide svg').first().isVisible()).toBe(true);
    expect(await page.locator('section[data-footnotes] li').count()).toBeGreaterThan(5);
    // Without script the footnote mark is a plain link to its note.
    await page.locator('a[data-footnote-ref]').first().click();
    expect(new URL(page.url()).hash).toMatch(/^#user-content-fn-/);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
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
      const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
      return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
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
    expect(new URL(page.url()).hash).toMatch(/^#user-content-fn-/);
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

  it('writes screenshots at 375 and 1280 px for a person to look at', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [375, 1280]) {
      const { page, close } = await open({ viewport: { width, height: 900 } });
      await page.screenshot({ path: join(SCREENSHOTS, `explainer-${width}.png`), fullPage: true });
      await close();
      expect(readFileSync(join(SCREENSHOTS, `explainer-${width}.png`)).length).toBeGreaterThan(10_000);
    }
  });
});

describe('the built file', () => {
  it('is valid HTML (html-validate reports no errors)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'long-title': 'off' } });
    const report = await validator.validateString(html);
    const errors = report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  });

  it('is under 250 KB', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(250 * 1024);
  });
});
