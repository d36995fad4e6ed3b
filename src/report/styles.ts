// The page's only stylesheet, inlined: system fonts, readable measure, phone
// to wide screen, dark mode and print (charts whole on a page, notes at the
// end with their numbers, link addresses after the links, no disclosures or
// hover furniture), no external resources.
export const STYLES = `
:root { color-scheme: light dark; --ink: #1d1d1f; --muted: #5b5b63; --paper: #fff; --rule: #d9d9de; --accent: #a4161a; --link: #0b57d0; --plot-background: var(--paper); }
@media (prefers-color-scheme: dark) {
  :root { --ink: #ececf1; --muted: #a8a8b3; --paper: #16161a; --rule: #3a3a42; --accent: #ff6b6b; --link: #8ab4f8; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 44rem; margin: 0 auto; padding: 1.25rem 1rem 4rem; }
a { color: var(--link); }
h1 { font-size: clamp(1.75rem, 5vw, 2.5rem); line-height: 1.15; margin: 1.5rem 0 0.5rem; }
h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.5rem 0 0.5rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.25rem; }
.dek { font-size: 1.2rem; color: var(--muted); margin: 0 0 0.75rem; }
.updated { font-size: 0.9rem; color: var(--muted); border-bottom: 1px solid var(--rule); padding-bottom: 1rem; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
table { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
.table-scroll { overflow-x: auto; }
figure.chart { margin: 2rem -0.25rem; padding: 0; }
.chart-title { margin: 0; }
.chart-subtitle, .chart-source, .chart-download, .chart-describe, .chart-data summary { font-size: 0.875rem; color: var(--muted); margin: 0.25rem 0; }
.chart-summary { margin: 0.5rem 0 0.25rem; font-size: 0.95rem; }
.chart-plot svg { display: block; width: 100%; max-width: 30rem; height: auto; overflow: visible; }
details summary { cursor: pointer; }
.chart-description { margin: 0.25rem 0 0.5rem; }
h2 .permalink, h3 .permalink, h4 .permalink { color: var(--muted); text-decoration: none; opacity: 0; }
h2:hover .permalink, h3:hover .permalink, h4:hover .permalink, .permalink:focus { opacity: 1; }
.toc { border-left: 3px solid var(--rule); padding: 0.1rem 0 0.1rem 1rem; margin: 1rem 0 1.5rem; font-size: 0.95rem; }
.toc-title { font-weight: 600; margin: 0; }
.toc ol { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.colophon { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--rule); font-size: 0.9rem; }
sup a, a[data-footnote-ref] { text-decoration: none; padding: 0 0.1em; }
section.footnotes { margin-top: 2rem; border-top: 1px solid var(--rule); font-size: 0.9rem; }
section.footnotes h2 { font-size: 1.1rem; }
section.footnotes li p { margin: 0.2rem 0; }
.fn-source { color: var(--muted); }
.fn-back a { padding: 0 0.15em; }
.fn-preview { position: absolute; z-index: 10; max-width: calc(100vw - 16px); padding: 0.6rem 0.8rem; background: var(--paper); color: var(--ink); border: 1px solid var(--rule); border-radius: 6px; box-shadow: 0 4px 18px rgb(0 0 0 / 0.18); font-size: 0.875rem; line-height: 1.45; }
.fn-preview p { margin: 0; }
data.figure { font-weight: 600; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
[lang="ar"] { font-family: system-ui, "Noto Naskh Arabic", "Geeza Pro", "Arial", sans-serif; }
@page { margin: 18mm 16mm; }
@media print {
  :root { --ink: #000; --muted: #333; --paper: #fff; --link: #000; }
  figure.chart { margin: 1rem 0; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  figure.chart, .chart-plot, .chart-head, tr, section.footnotes li { break-inside: avoid; }
  h2, h3, .chart-head { break-after: avoid; }
  /* A chart, with its title and words, fits one page: a tall one is drawn shorter (and narrower) rather than split. */
  .chart-plot svg { width: auto; max-width: 26rem; max-height: 19cm; }
  details.chart-data, details.chart-describe, .chart-download, .all-data, .fn-preview, .permalink, .fn-back, .toc { display: none; }
  sup a, a[data-footnote-ref] { color: #000; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; word-break: break-all; }
  section.footnotes ol { padding-left: 2rem; }
}
`;
