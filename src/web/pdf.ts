import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Block, Section } from './document.js';

/** A font with the letters of every name we meet (Đ, Ş, ğ…), when the system has it; else PDF's own Helvetica. */
const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu'];
const FONTS = (() => {
  for (const dir of FONT_DIRS) {
    if (existsSync(`${dir}/DejaVuSans.ttf`) && existsSync(`${dir}/DejaVuSans-Bold.ttf`)) return { regular: `${dir}/DejaVuSans.ttf`, bold: `${dir}/DejaVuSans-Bold.ttf` };
  }
  return { regular: 'Helvetica', bold: 'Helvetica-Bold' };
})();

export interface PdfOptions {
  lang: string;
  title: string;
  subject: string;
  author: string;
  keywords?: string;
  /** Extra entries of the document information dictionary (the seal, its hash). */
  info?: Record<string, string>;
  attachments?: { name: string; content: string; type: string; description: string }[];
  /** The line at the foot of every page. */
  footer(page: number, pages: number): string;
}

type Doc = PDFKit.PDFDocument;

/** Renders sections (the same ones as the HTML page) into an A4 PDF. */
export function renderPdf(options: PdfOptions, draw: (pdf: PdfWriter) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 64, left: 56, right: 56 }, bufferPages: true, lang: options.lang, displayTitle: true, info: { Title: options.title, Author: options.author, Subject: options.subject, Keywords: options.keywords ?? '', Creator: 'Passerelle' } });
  const info = doc.info as Record<string, unknown>;
  for (const [key, value] of Object.entries(options.info ?? {})) info[key] = value;
  for (const file of options.attachments ?? []) doc.file(Buffer.from(file.content, 'utf8'), { name: file.name, type: file.type, description: file.description });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(FONTS.regular).fontSize(10);
  draw(new PdfWriter(doc));
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONTS.regular).fontSize(7).fillColor('#444').text(options.footer(i + 1, range.count), 56, doc.page.height - 48, { width: doc.page.width - 112, lineBreak: true });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

export class PdfWriter {
  constructor(private readonly doc: Doc) {}

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private room(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  title(text: string): this {
    this.doc.font(FONTS.bold).fontSize(16).fillColor('#1f3a5f').text(text, { width: this.width });
    this.doc.moveDown(0.4).font(FONTS.regular).fontSize(10).fillColor('#000');
    return this;
  }

  heading(text: string, level: 2 | 3 = 2): this {
    this.room(level === 2 ? 48 : 32);
    this.doc.moveDown(level === 2 ? 0.8 : 0.5).font(FONTS.bold).fontSize(level === 2 ? 12.5 : 10.5).fillColor('#1f3a5f').text(text, { width: this.width });
    this.doc.moveDown(0.25).font(FONTS.regular).fontSize(10).fillColor('#000');
    return this;
  }

  paragraph(text: string, size = 10): this {
    this.doc.font(FONTS.regular).fontSize(size).fillColor('#000').text(text, this.doc.page.margins.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    return this;
  }

  facts(rows: readonly (readonly [string, string])[]): this {
    const labelWidth = Math.min(170, this.width * 0.38);
    const x = this.doc.page.margins.left;
    for (const [label, value] of rows) {
      this.doc.fontSize(10);
      const height = Math.max(this.doc.font(FONTS.bold).heightOfString(label, { width: labelWidth - 8 }), this.doc.font(FONTS.regular).heightOfString(value, { width: this.width - labelWidth }));
      this.room(height + 4);
      const y = this.doc.y;
      this.doc.font(FONTS.bold).fillColor('#333').text(label, x, y, { width: labelWidth - 8 });
      this.doc.font(FONTS.regular).fillColor('#000').text(value, x + labelWidth, y, { width: this.width - labelWidth });
      this.doc.x = x;
      this.doc.y = y + height + 3;
    }
    this.doc.moveDown(0.2);
    return this;
  }

  /** Up to five columns side by side; wider tables as one labelled block per row, which stays readable on A4. */
  table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): this {
    this.room(40);
    this.doc.font(FONTS.bold).fontSize(9.5).fillColor('#333').text(caption, this.doc.page.margins.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
    if (head.length > 5) {
      for (const row of rows) {
        this.facts(head.map((h, i) => [h, row[i] ?? ''] as const).filter(([, v]) => v !== ''));
        this.rule();
      }
      return this;
    }
    const weights = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)) + 6));
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (w / total) * this.width);
    const line = (cells: readonly string[], font: string): void => {
      this.doc.font(font).fontSize(9);
      const height = Math.max(...cells.map((text, i) => this.doc.heightOfString(text, { width: widths[i]! - 6 })));
      this.room(height + 6);
      const y = this.doc.y;
      let x = this.doc.page.margins.left;
      cells.forEach((text, i) => {
        this.doc.text(text, x, y, { width: widths[i]! - 6 });
        x += widths[i]!;
      });
      this.doc.x = this.doc.page.margins.left;
      this.doc.y = y + height + 3;
      this.rule();
    };
    this.doc.fillColor('#000');
    line(head, FONTS.bold);
    for (const row of rows) line(row, FONTS.regular);
    this.doc.moveDown(0.3).fontSize(10);
    return this;
  }

  rule(): this {
    const y = this.doc.y;
    this.doc.moveTo(this.doc.page.margins.left, y).lineTo(this.doc.page.margins.left + this.width, y).lineWidth(0.4).strokeColor('#bbb').stroke();
    this.doc.y = y + 3;
    return this;
  }

  sections(sections: readonly Section[]): this {
    for (const section of sections) {
      this.heading(section.title);
      for (const block of section.blocks) this.block(block);
    }
    return this;
  }

  block(block: Block): this {
    switch (block.kind) {
      case 'facts':
        return this.facts(block.rows);
      case 'table':
        return this.table(block.caption, block.head, block.rows);
      case 'text':
        return this.paragraph(block.text);
      case 'subheading':
        return this.heading(block.text, 3);
      default: {
        const never: never = block;
        return never;
      }
    }
  }
}
