// Property: the Markdown pipeline never crashes. Any narrative, however broken
// or hostile, either builds or reports fatal errors, and every message is
// positioned (line and column ≥ 1). When it builds, nothing executable from
// the input survives: no script, event handler or javascript: URL, no style
// breaking out of its element. Seeded: FUZZ_SEED / FUZZ_RUNS explore further.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartDocument } from '../../src/charts/dom.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { PATHS, storyConfig } from '../story.ts';
import { buildExplainer, readChartData } from '../../src/project/report.ts';
import { GROUPS, MEASURES } from '../../src/datasets/schema.ts';
import { buildReport } from '../../src/report/build.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20220107);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(n * SCALE)) });
const TIMEOUT = 60_000;

const data = await readChartData(await storyConfig(), PATHS.derived);
const document = await chartDocument();
const Parser = document.defaultView!.DOMParser;
const ids = data.articles.map((a) => a.id);

// What the pipeline itself puts in a page: the real explainer's scripts and styles.
const baseline = new Parser().parseFromString(
  (await buildExplainer(await storyConfig(), PATHS.derived)).html,
  'text/html',
);
const OWN_SCRIPTS = new Set([...baseline.querySelectorAll('script')].map((s) => s.outerHTML));
const OWN_STYLES = new Set([...baseline.querySelectorAll('style')].map((s) => s.outerHTML));

// ------------------------------------------------------------------ fragments

/** Payloads that would run if anything let them through; each calls `alert(`. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '</style><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<!-- <script>alert(1)</script> -->',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x]( javascript:alert(1) )',
  '[x](&#106;avascript:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](vbscript:alert(1))',
  '![i](javascript:alert(1))',
  '<javascript:alert(1)>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '[x](#"onmouseover="alert(1))',
  '[x](https://example.com "a\\" onmouseover=\\"alert(1)")',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '::chart{name="casualty-evolution" title="</style><script>alert(1)</script>" caption="<img src=x onerror=alert(1)>"}',
  ':cite[<script>alert(1)</script>]',
  '::chart{name="<img src=x onerror=alert(1)>"}',
];
const hostile = fc.constantFrom(...HOSTILE);

const chartName = fc.oneof(
  fc.constantFrom(
    'casualty-evolution',
    'casualty-evoluton',
    'Casualty-Evolution',
    '',
    ' casualty-evolution',
    'reactions',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const chartAttribute = fc.oneof(
  fc.tuple(fc.constant('measure'), fc.oneof(fc.constantFrom(...MEASURES), fc.constantFrom('kiled', '', 'KILLED'))),
  fc.tuple(fc.constant('group'), fc.oneof(fc.constantFrom(...GROUPS), fc.constantFrom('police', ''))),
  fc.tuple(fc.constantFrom('title', 'caption'), fc.string({ unit: 'grapheme', maxLength: 20 })),
  fc.tuple(fc.constantFrom('colour', 'width', 'name', 'id', 'class'), fc.string({ maxLength: 8 })),
);
/** Attribute values in every syntax the directive grammar knows, and some it does not. */
const quoted = (key: string, value: string, style: number) =>
  [
    `${key}="${value.replace(/"/g, '&quot;')}"`,
    `${key}='${value.replace(/'/g, '')}'`,
    `${key}=${value.replace(/[\s"'=<>`}]/g, '') || 'x'}`,
    `${key}`,
    `${key}="${value}`,
  ][style]!;

const chart = fc
  .tuple(
    chartName,
    fc.array(fc.tuple(chartAttribute, fc.nat(4)), { maxLength: 3 }),
    fc.nat(4),
    fc.constantFrom('::chart', ':::chart', ':chart', '::chart[label]', '::Chart'),
  )
  .map(([name, attributes, style, head]) => {
    const parts = [quoted('name', name, style), ...attributes.map(([[k, v], s]) => quoted(k, v, s))];
    return `${head}{${parts.join(' ')}}`;
  });
/** A chart that renders: kept rare, since each one draws two SVGs. */
const validChart = fc
  .tuple(
    fc.option(fc.constantFrom(...MEASURES), { nil: undefined }),
    fc.option(fc.constantFrom(...GROUPS), { nil: undefined }),
  )
  .map(
    ([measure, group]) =>
      `::chart{name="casualty-evolution"${measure ? ` measure="${measure}"` : ''}${group ? ` group="${group}"` : ''}}`,
  );

const cite = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...ids), fc.constantFrom('999', '', '00', '003 ', 'abc')), { maxLength: 3 }),
    fc.constantFrom(', ', ' ', ','),
    fc.constantFrom(':cite', '::cite', ':Cite', ':cite '),
  )
  .map(([list, sep, head]) => `${head}[${list.join(sep)}]`);

const otherDirective = fc.constantFrom(
  ':count{measure="arrested" pick="max"}',
  ':count{measure="killed" group="security_forces" pick="latest"}',
  ':count{measure="kiled" pick="maximum"}',
  ':count{}',
  ':stat{name="figures"}',
  ':stat{name="articles"}',
  ':stat{name="figurez"}',
  ':stat',
  ':foo',
  ':foo[bar]{baz=1}',
  '::bar{}',
  ':::note\ncontent\n:::',
  ':::note\nunclosed',
  ':::',
  '::',
  ':[]',
  '::{}',
  'ratio 3:1 at 10:30',
  'https://example.com:8080/a:b',
);

const text = fc.oneof(
  fc.lorem({ maxCount: 8 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '[',
    ']',
    '[[',
    '(',
    ')',
    '{',
    '}',
    '{{',
    '*',
    '**',
    '_',
    '`',
    '~~',
    '|',
    '\\',
    '&',
    '&amp;',
    '&#0;',
    '\0',
    '\r',
    '\u2028',
    '\u202E',
    'مرحبا',
    '\uD800',
    'e\u0301',
    '![',
  ),
);

const markup = fc.constantFrom(
  '[^1]',
  '[^note]',
  '[^missing]',
  '[link](https://example.com)',
  '**bold**',
  '_em_',
  '`code`',
  '~~gone~~',
  '[x](#y)',
  'www.example.com',
  'a@b.example',
);

/** Directives the pipeline accepts, so that most narratives built from them build. */
const validDirective = fc.oneof(
  fc.subarray(ids, { minLength: 1, maxLength: 3 }).map((list) => `:cite[${list.join(', ')}]`),
  fc.constantFrom(
    ':count{measure="arrested" pick="max"}',
    ':count{measure="killed" pick="latest"}',
    ':stat{name="figures"}',
    ':stat{name="articles"}',
  ),
);
/** Hostile payloads that are not directives, so they do not stop the build by themselves. */
const hostileText = fc.constantFrom(...HOSTILE.filter((h) => !/^:/.test(h)));

interface Parts {
  inline: fc.Arbitrary<string>;
  directive: fc.Arbitrary<string>;
  chart: fc.Arbitrary<string>;
  hostile: fc.Arbitrary<string>;
}

function narrativeOf(parts: Parts): fc.Arbitrary<string> {
  const inline = fc.oneof(
    { weight: 5, arbitrary: text },
    { weight: 2, arbitrary: parts.inline },
    { weight: 1, arbitrary: parts.directive },
    { weight: 1, arbitrary: parts.hostile },
    { weight: 1, arbitrary: markup },
  );
  const line = fc.array(inline, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));

  const block = fc.oneof(
    { weight: 4, arbitrary: line },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), line).map(([n, l]) => `${'#'.repeat(n)} ${l}`) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom('- ', '* ', '1. ', '- [ ] ', '- [x] ', '  - '), line), {
          minLength: 1,
          maxLength: 4,
        })
        .map((items) => items.map(([m, l]) => m + l).join('\n')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 4 }), fc.array(line, { maxLength: 6 }), fc.boolean())
        .map(([cols, cells, broken]) => {
          const row = (k: number) =>
            `| ${Array.from({ length: cols }, (_, c) => (cells[(k * cols + c) % Math.max(1, cells.length)] ?? '').replace(/\n/g, ' ')).join(' | ')} |`;
          return [row(0), broken ? '| --- |' : `|${' --- |'.repeat(cols)}`, row(1), row(2)].join('\n');
        }),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('1', 'note', '1'), line).map(([id, l]) => `[^${id}]: ${l}`) },
    { weight: 2, arbitrary: parts.chart },
    { weight: 1, arbitrary: parts.directive },
    { weight: 2, arbitrary: parts.hostile },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('```', '~~~', '    '), line)
        .map(([fence, l]) => (fence === '    ' ? fence + l : `${fence}\n${l}\n${fence}`)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '> quoted',
        '---',
        '***',
        '<div>',
        '</div>',
        '<!--',
        '-->',
        '$$',
        '[',
        '::chart{name="casualty-evolution"',
        '::chart{name="casualty-evolution"}}',
      ),
    },
  );

  const frontMatter = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(text, fc.option(text, { nil: undefined }))
        .map(
          ([title, description]) =>
            `---\ntitle: ${JSON.stringify(title || 'T')}\n${description === undefined ? '' : `description: ${JSON.stringify(description)}\n`}---\n\n`,
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '---\n---\n\n',
        '---\ntitle: [unclosed\n---\n\n',
        '---\ntitle:\n  - a\n---\n\n',
        '---\ntitle: "<script>alert(1)</script>"\ndescription: "</style><script>alert(1)</script>"\n---\n\n',
        '---\ntitle: T\n',
        '---\n: :\n---\n\n',
        '---\ntitle: 5\n---\n\n',
        '---\ntitle: T\n---\n---\ntitle: U\n---\n\n',
      ),
    },
  );

  return fc
    .tuple(
      frontMatter,
      fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n', '\r\n\r\n', '\n\n\n', ' ')), { maxLength: 10 }),
    )
    .map(([head, blocks]) => head + blocks.flat().join(''));
}

/** Anything: invalid directives, charts and citations among the rest (most of these fail, with messages). */
const narrative = narrativeOf({ inline: cite, directive: otherDirective, chart, hostile });
/** Only valid directives, so most build and the page itself is checked. */
const buildableNarrative = narrativeOf({
  inline: validDirective,
  directive: validDirective,
  chart: validDirective,
  hostile: hostileText,
});

const withValidChart = fc.tuple(buildableNarrative, validChart).map(([md, c]) => `${md}\n\n${c}\n`);

// ------------------------------------------------------------------ the property

const URL_ATTRIBUTES = [
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'poster',
  'cite',
  'data',
  'background',
  'srcdoc',
];

/** Everything wrong with the output of one build, as strings (empty: all well). */
async function problemsOf(markdown: string): Promise<string[]> {
  const problems: string[] = [];
  const { html, file } = await buildReport({ markdown, path: 'story.md', data, charts: CHARTS, document });
  const fatal = file.messages.filter((m) => m.fatal);
  if (html === null && fatal.length === 0) problems.push('no page and no fatal message');
  if (html !== null && fatal.length > 0)
    problems.push(`a page despite fatal messages: ${fatal.map((m) => m.reason).join('; ')}`);
  for (const m of file.messages) {
    if (!(typeof m.line === 'number' && m.line >= 1 && typeof m.column === 'number' && m.column >= 1)) {
      problems.push(`message without a position (line ${m.line}, column ${m.column}): ${m.ruleId}: ${m.reason}`);
    }
  }
  return html === null ? problems : problems.concat(pageProblems(html));
}

/** What in a built page could run or come from the input's markup. */
function pageProblems(html: string): string[] {
  const problems: string[] = [];
  // A DOMParser document: a tenth of the cost of a whole JSDOM window, and it runs nothing either.
  const page = new Parser().parseFromString(html, 'text/html');
  for (const script of page.querySelectorAll('script')) {
    if (!OWN_SCRIPTS.has(script.outerHTML))
      problems.push(`a script the pipeline did not write: ${script.outerHTML.slice(0, 120)}`);
  }
  for (const style of page.querySelectorAll('style')) {
    if (!OWN_STYLES.has(style.outerHTML))
      problems.push(`a style the pipeline did not write: ${style.outerHTML.slice(0, 120)}`);
  }
  for (const bad of page.querySelectorAll(
    'iframe, object, embed, base, form, frame, frameset, link, meta[http-equiv="refresh" i]',
  )) {
    problems.push(`an element from the input: ${bad.outerHTML.slice(0, 120)}`);
  }
  for (const element of page.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`an event handler: <${element.localName} ${name}="${attribute.value}">`);
      if (URL_ATTRIBUTES.includes(name)) {
        // Browsers strip whitespace and control characters before reading the scheme. The page's own downloads are
        // CSV, and the all-data CSV gzipped (a download, never shown).
        const url = attribute.value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
        if (
          /^(?:javascript|vbscript):/.test(url) ||
          (url.startsWith('data:') &&
            !url.startsWith('data:text/csv') &&
            !url.startsWith('data:application/gzip;base64,'))
        ) {
          problems.push(`a dangerous URL: <${element.localName} ${name}="${attribute.value.slice(0, 80)}">`);
        }
      }
      if (name === 'style' && /alert\(|url\(|expression\(/i.test(attribute.value))
        problems.push(
          `input code in a style attribute: <${element.localName} ${name}="${attribute.value.slice(0, 80)}">`,
        );
    }
  }
  return problems;
}

describe('the page checker (the oracle itself)', () => {
  it('passes the real explainer and flags each kind of injection', () => {
    expect(pageProblems(baseline.documentElement.outerHTML)).toEqual([]);
    const injected = [
      '<script>alert(1)</script>',
      '<style>p{}</style>',
      '<img src=x onerror=alert(1)>',
      '<a href=" JaVa\tScript:alert(1)">x</a>',
      '<iframe></iframe>',
      '<p style="background:url(javascript:alert(1))">x</p>',
    ];
    for (const markup of injected) {
      expect(pageProblems(`<!doctype html><html><head></head><body>${markup}</body></html>`), markup).toHaveLength(1);
    }
  });
});

describe('the Markdown pipeline on random, broken and hostile narratives', () => {
  it(
    'builds or reports positioned fatal errors, and lets nothing executable through',
    async () => {
      await fc.assert(
        fc.asyncProperty(narrative, async (markdown) => {
          expect(await problemsOf(markdown)).toEqual([]);
        }),
        runs(50),
      );
    },
    TIMEOUT,
  );

  it(
    'the same on narratives with valid directives only, most of which build',
    async () => {
      await fc.assert(
        fc.asyncProperty(buildableNarrative, async (markdown) => {
          expect(await problemsOf(markdown)).toEqual([]);
        }),
        runs(50),
      );
    },
    TIMEOUT,
  );

  it(
    'the same with a chart that renders',
    async () => {
      await fc.assert(
        fc.asyncProperty(withValidChart, async (markdown) => {
          expect(await problemsOf(markdown)).toEqual([]);
        }),
        runs(4),
      );
    },
    TIMEOUT,
  );

  it(
    'every hostile payload alone, in a valid narrative',
    async () => {
      for (const payload of HOSTILE) {
        expect(await problemsOf(`---\ntitle: T\n---\n\nBefore ${payload} after.\n\n${payload}\n`), payload).toEqual([]);
      }
    },
    TIMEOUT,
  );
});
