// What the dev server adds to the page it serves, and only there: the reload
// script, a Content Security Policy relaxed just enough for it, and the error
// overlay. The built file (report/dist) never goes through this module.
import { placeOf } from '../common/problem-lines.ts';
import { isError, severityOf } from '../common/problems.ts';
import type { VFileMessage } from '../common/problems.ts';

export const DEV_PREFIX = '/__newsbook';
export const EVENTS_PATH = `${DEV_PREFIX}/events`;
export const CLIENT_PATH = `${DEV_PREFIX}/client.js`;
const OVERLAY_ID = '__newsbook-overlay';

/**
 * Reloads the page when the server says so, and when it comes back with a
 * build the page has not seen (a restart, a reload missed while away). An
 * external script, allowed by `script-src 'self'`: no inline code to hash.
 */
export const CLIENT_SCRIPT = `(() => {
  const build = document.currentScript && document.currentScript.dataset.build;
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener('hello', (e) => { if (JSON.parse(e.data).build !== build) location.reload(); });
  events.addEventListener('reload', () => location.reload());
  const overlay = document.getElementById(${JSON.stringify(OVERLAY_ID)});
  const close = overlay && overlay.querySelector('button');
  if (close) close.addEventListener('click', () => { overlay.hidden = true; });
})();
`;

export interface PreviewInput {
  /** The last good page, or null when there has never been one. */
  html: string | null;
  /** Which build this is: the client reloads when the server has a newer one. */
  build: string;
  /** Shown in the overlay when any is an error. */
  diagnostics: readonly VFileMessage[];
  /** Paths in the overlay are shown relative to it. */
  root: string;
}

export function previewPage(input: PreviewInput): string {
  const page = input.html ?? placeholderPage();
  const overlay = input.diagnostics.some(isError) ? overlayHtml(input.diagnostics, input.root) : '';
  const script = `<script src="${CLIENT_PATH}" data-build="${escapeHtml(input.build)}"></script>`;
  const withCsp = relaxCsp(page);
  const end = withCsp.lastIndexOf('</body>');
  const injected = `${overlay}${script}\n`;
  return end === -1 ? withCsp + injected : withCsp.slice(0, end) + injected + withCsp.slice(end);
}

/**
 * The built page forbids every connection and every script but its own
 * (hashed) ones. The preview adds its script from the server and the event
 * stream back to it: `script-src … 'self'` and `connect-src 'self'`.
 */
export function relaxCsp(html: string): string {
  return html.replace(
    /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i,
    (_m, open: string, policy: string, close: string) => {
      const directives = policy
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d !== '');
      const add = (name: string, source: string) => {
        const i = directives.findIndex((d) => d.split(/\s+/)[0]?.toLowerCase() === name);
        if (i === -1) directives.push(`${name} ${source}`);
        else {
          const values = directives[i]!.split(/\s+/)
            .slice(1)
            .filter((v) => v !== "'none'");
          if (!values.includes(source)) values.push(source);
          directives[i] = [name, ...values].join(' ');
        }
      };
      add('script-src', "'self'");
      add('connect-src', "'self'");
      return `${open}${directives.join('; ')}${close}`;
    },
  );
}

export function overlayHtml(diagnostics: readonly VFileMessage[], root: string): string {
  const errors = diagnostics.filter(isError).length;
  const items = diagnostics
    .filter((d) => severityOf(d) !== 'info')
    .map((d) => {
      const where = placeOf(d, root);
      const severity = severityOf(d);
      return `<li class="nb-${severity}"><code>${escapeHtml(where)}</code> <strong>${severity}</strong> ${escapeHtml(d.reason)} <span>(${escapeHtml(d.ruleId ?? 'newsbook')})</span></li>`;
    })
    .join('\n');
  const style = [
    `#${OVERLAY_ID}{position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#fff;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border-top:4px solid #e5484d;box-shadow:0 -8px 24px rgb(0 0 0/.35)}`,
    `#${OVERLAY_ID}[hidden]{display:none}`,
    `#${OVERLAY_ID} h2{font:inherit;font-weight:bold;margin:0 0 .5rem;color:#ffb4b4}`,
    `#${OVERLAY_ID} ul{margin:0;padding:0;list-style:none}`,
    `#${OVERLAY_ID} li{margin:.35rem 0;white-space:pre-wrap;overflow-wrap:anywhere}`,
    `#${OVERLAY_ID} code{color:#ffd479}`,
    `#${OVERLAY_ID} li span{color:#bbb}`,
    `#${OVERLAY_ID} .nb-warning strong{color:#ffd479}`,
    `#${OVERLAY_ID} button{position:absolute;top:.5rem;right:.75rem;font:inherit;background:none;color:#fff;border:1px solid #fff6;border-radius:4px;cursor:pointer}`,
    `#${OVERLAY_ID} p{margin:.75rem 0 0;color:#ccc}`,
  ].join('\n');
  return `<style>${style}</style>
<section id="${OVERLAY_ID}" role="alert" aria-labelledby="${OVERLAY_ID}-title">
<button type="button" aria-label="Hide the errors">✕</button>
<h2 id="${OVERLAY_ID}-title">newsbook: ${errors} error${errors === 1 ? '' : 's'}, the page below is the last good build</h2>
<ul>
${items}
</ul>
<p>Fix and save: the page rebuilds and reloads by itself.</p>
</section>
`;
}

/** What the preview shows before the first good build. */
function placeholderPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>newsbook preview: no page yet</title>
</head>
<body>
<main><p>No page yet: the build has errors.</p></main>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
