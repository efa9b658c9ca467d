/**
 * A report document as PDF (docs/reports.md §3), written by pdfkit with Noto Sans CJK embedded
 * (subset) so that Chinese prints and `pdftotext` reads it back; charts drawn with pdfkit's vector
 * primitives from the shapes of ./chart.ts; tables with a repeated header row on each page.
 */
import PDFDocument from 'pdfkit';
import { chartShapes } from './chart.js';
import type { CjkFont } from './cjk-font.js';
import type { ReportDoc, ReportTable } from './report-doc.js';
import { cellText, type Cell } from './table-export.js';

const MARGIN = 40;
const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;
const CONTENT_W = A4_WIDTH - 2 * MARGIN;
const BOTTOM = A4_HEIGHT - MARGIN;
const ROW_H = 14;
const CHART_H = 190;

/** A number as a report prints it: at most 2 decimals, no float noise. */
export function printNumber(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** A cell as printed text (numbers rounded to 2 decimals; dates as YYYY-MM-DD). */
export function printCell(v: Cell): string {
  return typeof v === 'number' ? printNumber(v) : cellText(v, 'zh');
}

/** Renders the document; resolves to the PDF bytes. */
export function renderPdf(doc: ReportDoc, font: CjkFont, generatedAt: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: doc.title, Creator: 'Qingshan', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('cjk', font.path, font.regular);
  if (font.bold !== null) pdf.registerFont('cjk-bold', font.bold.path, font.bold.name);
  const bold = font.bold !== null ? 'cjk-bold' : 'cjk';

  let y = MARGIN;
  const need = (h: number): void => {
    if (y + h > BOTTOM) {
      pdf.addPage();
      y = MARGIN;
    }
  };
  const write = (text: string, size: number, face = 'cjk', gap = 4): void => {
    pdf.font(face).fontSize(size);
    const h = pdf.heightOfString(text, { width: CONTENT_W });
    need(h);
    pdf.text(text, MARGIN, y, { width: CONTENT_W });
    y += h + gap;
  };

  write(doc.title, 18, bold, 6);
  for (const line of doc.lines) write(line, 9, 'cjk', 2);
  y += 8;
  for (const section of doc.sections) {
    need(60);
    write(section.heading, 13, bold, 6);
    for (const p of section.paragraphs ?? []) write(p, 10);
    if (section.chart !== undefined) {
      need(CHART_H + 6);
      drawShapes(pdf, chartShapes(section.chart, { x: MARGIN, y, w: CONTENT_W, h: CHART_H }));
      y += CHART_H + 8;
    }
    for (const table of section.tables ?? []) {
      y = drawTable(pdf, table, y, bold, need);
      y += 10;
    }
    y += 6;
  }
  pdf.end();
  return done;
}

function drawShapes(pdf: PDFKit.PDFDocument, shapes: ReturnType<typeof chartShapes>): void {
  pdf.font('cjk');
  for (const s of shapes) {
    switch (s.t) {
      case 'rect':
        pdf.rect(s.x, s.y, Math.max(0.1, s.w), Math.max(0, s.h)).fill(s.fill);
        break;
      case 'line':
        pdf.save().moveTo(s.x1, s.y1).lineTo(s.x2, s.y2).lineWidth(s.width);
        if (s.dash === true) pdf.dash(4, { space: 3 });
        pdf.stroke(s.stroke).undash().restore();
        break;
      case 'polyline': {
        const [first, ...rest] = s.points;
        if (first === undefined) break;
        pdf.save().moveTo(first[0], first[1]);
        for (const [x, yy] of rest) pdf.lineTo(x, yy);
        pdf.lineWidth(s.width).stroke(s.stroke).restore();
        break;
      }
      case 'text': {
        pdf.fontSize(s.size).fillColor(s.fill);
        const w = pdf.widthOfString(s.text);
        const x = s.anchor === 'start' ? s.x : s.anchor === 'middle' ? s.x - w / 2 : s.x - w;
        pdf.text(s.text, x, s.y - s.size, { lineBreak: false });
        break;
      }
      default: {
        const impossible: never = s;
        throw new RangeError(`unknown shape ${JSON.stringify(impossible)}`);
      }
    }
  }
  pdf.fillColor('#000000');
}

/** Draws a table from `y` on, breaking pages with the header repeated; returns the y below it. */
function drawTable(
  pdf: PDFKit.PDFDocument,
  table: ReportTable,
  top: number,
  bold: string,
  need: (h: number) => void,
): number {
  const weights = table.columns.map((c) => c.width ?? 14);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (CONTENT_W * w) / total);
  let y = top;
  pdf.font(bold).fontSize(10);
  if (y + 16 + 2 * ROW_H > BOTTOM) {
    pdf.addPage();
    y = MARGIN;
  }
  pdf.text(table.title.zh, MARGIN, y, { width: CONTENT_W });
  y += 16;
  const row = (cells: string[], header: boolean): void => {
    if (y + ROW_H > BOTTOM) {
      pdf.addPage();
      y = MARGIN;
      if (!header)
        row(
          table.columns.map((c) => c.header.zh),
          true,
        );
    }
    if (header) pdf.rect(MARGIN, y, CONTENT_W, ROW_H).fill('#e8eef5');
    pdf
      .fillColor('#000000')
      .font(header ? bold : 'cjk')
      .fontSize(8);
    let x = MARGIN;
    cells.forEach((text, i) => {
      const w = widths[i] ?? 40;
      pdf.text(text, x + 2, y + 3, { width: w - 4, height: ROW_H - 2, lineBreak: false, ellipsis: true });
      x += w;
    });
    pdf
      .moveTo(MARGIN, y + ROW_H)
      .lineTo(MARGIN + CONTENT_W, y + ROW_H)
      .lineWidth(0.3)
      .stroke('#bbbbbb');
    y += ROW_H;
  };
  need(0);
  row(
    table.columns.map((c) => c.header.zh),
    true,
  );
  for (const r of table.rows)
    row(
      table.columns.map((c) => printCell(c.value(r, 'zh'))),
      false,
    );
  if (table.rows.length === 0) row(['（无数据）'], false);
  return y;
}
