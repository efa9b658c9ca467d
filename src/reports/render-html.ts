/**
 * A report document as one self-contained HTML page (docs/reports.md §3): tables, charts as inline
 * SVG from the shapes of ./chart.ts, and a print layout (`@media print`: A4, no page break inside a
 * chart or a table row).
 */
import { chartSvg } from './chart.js';
import { printCell } from './render-pdf.js';
import type { ReportDoc, ReportTable } from './report-doc.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 60em; color: #111; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; margin-top: 1.6em; }
p.meta { color: #555; margin: .1em 0; font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1.2em; font-size: .85em; }
caption { text-align: left; font-weight: bold; padding: .3em 0; }
th, td { border: 1px solid #ccc; padding: .25em .4em; text-align: left; } th { background: #e8eef5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1em 0; } svg { max-width: 100%; height: auto; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  figure, tr { break-inside: avoid; } h2 { break-after: avoid; }
}`;

function tableHtml(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${esc(c.header.zh)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${t.columns
          .map((c) => {
            const v = c.value(r, 'zh');
            return `<td${typeof v === 'number' ? ' class="num"' : ''}>${esc(printCell(v))}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  const empty = t.rows.length === 0 ? `<tr><td colspan="${t.columns.length}">（无数据）</td></tr>` : '';
  return `<table><caption>${esc(t.title.zh)}</caption><thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table>`;
}

/** Renders the document as a UTF-8 HTML page. */
export function renderHtml(doc: ReportDoc): Buffer {
  const sections = doc.sections
    .map(
      (s) =>
        `<section><h2>${esc(s.heading)}</h2>${(s.paragraphs ?? []).map((p) => `<p>${esc(p)}</p>`).join('')}${
          s.chart !== undefined ? `<figure>${chartSvg(s.chart)}</figure>` : ''
        }${(s.tables ?? []).map(tableHtml).join('')}</section>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(doc.title)}</h1>${doc.lines.map((l) => `<p class="meta">${esc(l)}</p>`).join('')}
${sections}
</body></html>
`;
  return Buffer.from(html, 'utf8');
}
