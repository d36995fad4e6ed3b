// Article bodies and the narrative are untrusted text. A page built from a
// hostile article and a hostile narrative must run none of their scripts:
// no dialog, no request, no change to the page.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/article.ts';
import type { Article } from '../../src/articles/article.ts';
import { chartDocument } from '../../src/charts/dom.ts';
import { NO_STORY } from '../../src/charts/chart.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { PATHS } from '../story.ts';
import { deriveDatasets } from '../../src/datasets/derive.ts';
import { parseGazetteer } from '../../src/extract/gazetteer.ts';
import { buildReport } from '../../src/report/build.ts';
import { FOOTNOTE_PREVIEW_SCRIPT } from '../../src/report/footnote-preview.ts';
import { launch } from './browser.ts';

const ARTICLE = `---
id: "666"
title: "</title><script>window.__pwned = 'title'</script>"
outlet: "<img src=x onerror=\\"window.__pwned = 'outlet'\\">"
url: "javascript:window.__pwned = 'url'"
published: 2022-01-06
published_basis: stated
published_note: null
language: en
translated_from: null
---
Police said <script>window.__pwned = 'body'; alert('body')</script> that 18 people were killed on Wednesday.
The ministry said <img src=x onerror="window.__pwned = 'img'"> more than 2,000 people were arrested.
Officials said </style><script>alert('style')</script> 317 police officers were injured.
The United States urged restraint <a href="javascript:alert('link')">here</a> and called for dialogue.
`;

const NARRATIVE = `---
title: "</title><script>alert('meta')</script>"
description: "<script>alert('description')</script>"
---

<script>window.__pwned = 'narrative'; alert('narrative')</script>

A [link](javascript:alert('md-link)) and <img src=x onerror="alert('md-img')"> and
<a href="javascript:alert('html-link')">this</a>. </style><script>alert('style')</script>

Figure: :count{measure="killed"} and :cite[666].

::chart{name="casualty-evolution"}
`;

let dir: string;
let url: string;
let html: string;

beforeAll(async () => {
  // A `javascript:` url is refused in the front matter (issue 14); the page must not run one that reaches it anyway.
  const refused = parseArticle(ARTICLE, 'articles/666.md');
  if (refused.article || refused.problems.length !== 1 || !/ for field `url`:/.test(refused.problems[0]!.reason))
    throw new Error(`expected the url refused: ${JSON.stringify(refused.problems)}`);
  const parsed = parseArticle(ARTICLE.replace(/^url: .*$/m, 'url: null'), 'articles/666.md');
  if (!parsed.article) throw new Error(JSON.stringify(parsed.problems));
  const article: Article = {
    ...parsed.article,
    meta: { ...parsed.article.meta, url: "javascript:window.__pwned = 'url'" },
  };
  const gazetteer = parseGazetteer(readFileSync(PATHS.gazetteer, 'utf8'));
  const { datasets } = deriveDatasets([article], gazetteer);
  const built = await buildReport({
    markdown: NARRATIVE,
    path: 'story.md',
    data: { ...datasets, events: [], story: NO_STORY },
    charts: CHARTS,
    document: await chartDocument(),
  });
  if (built.html === null) throw new Error(built.file.messages.map(String).join('\n'));
  html = built.html;
  dir = mkdtempSync(join(tmpdir(), 'newsbook-hostile-'));
  writeFileSync(join(dir, 'page.html'), html);
  url = pathToFileURL(join(dir, 'page.html')).href;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a page built from hostile input', () => {
  it('contains no script, handler or javascript: link of theirs', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
    expect(scripts).toEqual([FOOTNOTE_PREVIEW_SCRIPT]);
    // Parsed as a browser would: the hostile markup may survive as text, never as an element or attribute.
    const { document } = new JSDOM(html).window;
    const elements = [...document.querySelectorAll('*')];
    expect(elements.flatMap((e) => e.getAttributeNames().filter((name) => name.startsWith('on')))).toEqual([]);
    expect(
      elements.filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? '')),
    ).toEqual([]);
    expect(document.querySelectorAll('img, iframe, object, embed')).toHaveLength(0);
    // The hostile text is still there, as text: figures keep their sentence.
    expect(html).toContain('&#x3C;script>');
  });

  it('runs none of it in a browser: no dialog, no request, no change to the page', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const requests: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      page.on('request', (request) => {
        if (request.url() !== url) requests.push(request.url());
      });
      await page.goto(url, { waitUntil: 'load' });
      // Open every table, then hover every link (a handler left behind would fire on hover or focus).
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
      for (const link of await page.locator('a:visible').all()) {
        await link.hover({ timeout: 1000 }).catch(() => {});
        await link.focus({ timeout: 1000 }).catch(() => {});
      }
      await page.locator('a[data-footnote-ref]').first().click();
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        images: document.querySelectorAll('img').length,
        scripts: document.scripts.length,
      }));
      expect(state).toEqual({ pwned: null, images: 0, scripts: 1 });
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
