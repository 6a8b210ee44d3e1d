import { readFileSync } from 'node:fs';
import type { FormCommonData, FormSignatory } from './form-common';
import { DEFAULT_TIME_ZONE_OFFSET_MINUTES, formatLongDate } from './form-format';
import { DEFAULT_FORM_SET_VERSION, FORM_SETS, FormKind } from './form-set';

type FontStyle = 'regular' | 'bold' | 'italic' | 'bold-italic';

// DejaVu Serif Condensed: shipped through npm, full Vietnamese coverage, narrow enough for A5.
const FONT_FILES: Record<FontStyle, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSerifCondensed.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSerifCondensed-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSerifCondensed-Italic.ttf',
  'bold-italic': 'dejavu-fonts-ttf/ttf/DejaVuSerifCondensed-BoldItalic.ttf',
};

let fontCache: Record<FontStyle, Buffer> | undefined;

function loadFonts(): Record<FontStyle, Buffer> {
  if (!fontCache) {
    const load = (style: FontStyle) => readFileSync(require.resolve(FONT_FILES[style]));
    fontCache = {
      regular: load('regular'),
      bold: load('bold'),
      italic: load('italic'),
      'bold-italic': load('bold-italic'),
    };
  }
  return fontCache;
}

/** Placeholder printed for a blank field, as on the paper forms. */
export const BLANK = '……………';

export interface TableColumn {
  header: string;
  /** Share of the table width; shares are normalised. */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

interface SizeSet {
  body: number;
  small: number;
  title: number;
  margin: number;
  qr: number;
}

const SIZES: Record<'A4' | 'A5', SizeSet> = {
  A5: { body: 9, small: 7, title: 11, margin: 34, qr: 58 },
  A4: { body: 11, small: 8.5, title: 14, margin: 50, qr: 72 },
};

/** A pdfkit document with the layout pieces the one-stop-shop forms share. */
export class FormDocument {
  readonly doc: PDFKit.PDFDocument;
  readonly sizes: SizeSet;
  readonly offsetMinutes: number;
  private readonly chunks: Buffer[] = [];
  private readonly finished: Promise<Buffer>;
  private readonly footerLabel: string;

  private constructor(
    PDFDocument: typeof import('pdfkit'),
    private readonly kind: FormKind,
    private readonly common: FormCommonData,
    private readonly issuedAt: Date,
  ) {
    const formSet = FORM_SETS[common.formSet ?? DEFAULT_FORM_SET_VERSION];
    const definition = formSet.forms[kind];
    this.sizes = SIZES[definition.paperSize];
    this.offsetMinutes = common.timeZoneOffsetMinutes ?? DEFAULT_TIME_ZONE_OFFSET_MINUTES;
    this.footerLabel =
      kind === 'payment-receipt' ? 'Biên lai điện tử' : `Mẫu số ${definition.number} (${formSet.circular})`;
    this.doc = new PDFDocument({
      size: definition.paperSize,
      margin: this.sizes.margin,
      bufferPages: true,
      autoFirstPage: true,
      info: {
        Title: `${definition.title} - ${common.dossierCode}`,
        Subject: this.footerLabel,
        Author: common.agencyName,
        Creator: 'motcua',
        Producer: 'motcua',
        // Fixed dates make the output byte-identical for identical data.
        CreationDate: issuedAt,
        ModDate: issuedAt,
      },
    });
    const fonts = loadFonts();
    for (const style of Object.keys(fonts) as FontStyle[]) this.doc.registerFont(style, fonts[style]);
    this.doc.font('regular').fontSize(this.sizes.body);
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.finished = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  static async create(kind: FormKind, common: FormCommonData, mainDate: Date): Promise<FormDocument> {
    // pdfkit (with fontkit) is loaded on the first form, not when the process boots: most processes and test files
    // never print one, and loading it costs every one of them hundreds of modules.
    const { default: PDFDocument } = await import('pdfkit');
    return new FormDocument(PDFDocument, kind, common, common.issuedAt ?? mainDate);
  }

  get title(): string {
    return FORM_SETS[this.common.formSet ?? DEFAULT_FORM_SET_VERSION].forms[this.kind].title;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get contentWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page when less than `height` points are left. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /**
   * Agency on the left, national motto on the right, then document number and the dated place line.
   */
  header(): void {
    const { doc, sizes } = this;
    const top = doc.y;
    const leftWidth = this.contentWidth * 0.42;
    const rightX = this.left + leftWidth;
    const rightWidth = this.contentWidth - leftWidth;
    const headerSize = sizes.body - 0.5;

    doc.fontSize(headerSize);
    if (this.common.parentAgencyName) {
      doc
        .font('regular')
        .text(this.common.parentAgencyName.toUpperCase(), this.left, top, { width: leftWidth, align: 'center' });
    } else {
      doc.y = top;
    }
    doc
      .font('bold')
      .text(this.common.agencyName.toUpperCase(), this.left, doc.y, { width: leftWidth, align: 'center' });
    const leftBottom = doc.y;
    this.centredRule(this.left + leftWidth / 2, leftBottom + 3, leftWidth * 0.3);

    doc.font('bold').text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightWidth, align: 'center' });
    doc.font('bold').text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightWidth, align: 'center' });
    const mottoWidth = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
    const rightBottom = doc.y;
    this.centredRule(rightX + rightWidth / 2, rightBottom + 3, mottoWidth);

    const lineY = Math.max(leftBottom, rightBottom) + 8;
    doc
      .font('regular')
      .text(`Số: ${this.common.documentNumber ?? BLANK}`, this.left, lineY, { width: leftWidth, align: 'center' });
    const place = this.common.placeName ?? BLANK;
    doc.font('italic').text(`${place}, ${formatLongDate(this.issuedAt, this.offsetMinutes)}`, rightX, lineY, {
      width: rightWidth,
      align: 'center',
    });
    doc.x = this.left;
    doc.y = Math.max(doc.y, lineY + headerSize) + 10;
    doc.font('regular').fontSize(sizes.body);
  }

  /**
   * Title and dossier code centred, the QR code of the dossier code (or lookup URL) on the right.
   * `extraLines` are printed in italics under the code, e.g. the copy label.
   */
  async titleBlock(extraLines: string[] = []): Promise<void> {
    const { doc, sizes } = this;
    const qrSize = sizes.qr;
    const gap = 6;

    doc
      .font('bold')
      .fontSize(sizes.title)
      .text(this.title, this.left, doc.y, { width: this.contentWidth, align: 'center' });
    doc.moveDown(0.3);

    const top = doc.y;
    const textX = this.left + qrSize + gap;
    const textWidth = this.contentWidth - 2 * (qrSize + gap);
    const QRCode = await import('qrcode');
    const png = await QRCode.toBuffer(this.common.lookupUrl ?? this.common.dossierCode, {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 1,
      scale: 8,
    });
    doc.image(png, this.left + this.contentWidth - qrSize, top, { width: qrSize, height: qrSize });

    const lines: Array<[FontStyle, string]> = [
      ['bold', `Mã hồ sơ: ${this.common.dossierCode}`],
      ...extraLines.map((line): [FontStyle, string] => ['italic', line]),
    ];
    doc.fontSize(sizes.body);
    const textHeight = lines.reduce(
      (sum, [font, line]) => sum + doc.font(font).heightOfString(line, { width: textWidth }),
      0,
    );
    doc.y = top + Math.max(0, (qrSize - textHeight) / 2);
    for (const [font, line] of lines) {
      doc.font(font).text(line, textX, doc.y, { width: textWidth, align: 'center' });
    }
    doc.x = this.left;
    doc.y = Math.max(doc.y, top + qrSize) + 6;
    doc.font('regular').fontSize(sizes.body);
  }

  /** The form title centred, with italic lines under it (forms without a dossier code or QR code). */
  plainTitle(lines: string[] = []): void {
    const { doc, sizes } = this;
    doc
      .font('bold')
      .fontSize(sizes.title)
      .text(this.title, this.left, doc.y, { width: this.contentWidth, align: 'center' });
    doc.fontSize(sizes.body);
    for (const line of lines)
      doc.font('italic').text(line, this.left, doc.y, { width: this.contentWidth, align: 'center' });
    doc.font('regular').moveDown(0.5);
    doc.x = this.left;
  }

  /** `Label: value` with the value in bold; a missing value prints as dots. */
  field(label: string, value: string | number | undefined, options: { indent?: number } = {}): void {
    const { doc } = this;
    const indent = options.indent ?? 0;
    const text = value === undefined || value === '' ? BLANK : String(value);
    doc
      .font('regular')
      .text(`${label}: `, this.left + indent, doc.y, { width: this.contentWidth - indent, continued: true });
    doc.font('bold').text(text);
    doc.font('regular');
    doc.x = this.left;
  }

  /** Several `Label: value` pairs on one line when they fit, otherwise one per line. */
  fields(pairs: Array<[string, string | undefined]>): void {
    const { doc } = this;
    const separator = '    ';
    const texts = pairs.map(
      ([label, value]) => [`${label}: `, value === undefined || value === '' ? BLANK : value] as const,
    );
    const width = texts.reduce((sum, [label, value], index) => {
      doc.font('regular');
      const labelWidth = doc.widthOfString((index === 0 ? '' : separator) + label);
      doc.font('bold');
      return sum + labelWidth + doc.widthOfString(value);
    }, 0);
    if (width > this.contentWidth) {
      for (const [label, value] of pairs) this.field(label, value);
      return;
    }
    texts.forEach(([label, value], index) => {
      const last = index === texts.length - 1;
      if (index === 0) {
        doc.font('regular').text(label, this.left, doc.y, { width: this.contentWidth, continued: true });
      } else {
        doc.font('regular').text(separator + label, { continued: true });
      }
      doc.font('bold').text(value, { continued: !last });
    });
    doc.font('regular');
    doc.x = this.left;
  }

  paragraph(
    text: string,
    options: { font?: FontStyle; align?: 'left' | 'center' | 'justify' | 'right'; indent?: number } = {},
  ): void {
    const indent = options.indent ?? 0;
    this.doc.font(options.font ?? 'regular').text(text, this.left + indent, this.doc.y, {
      width: this.contentWidth - indent,
      align: options.align ?? 'justify',
    });
    this.doc.font('regular');
    this.doc.x = this.left;
  }

  space(lines = 0.4): void {
    this.doc.moveDown(lines);
  }

  /** A bordered table; the header row repeats on each new page. */
  table(columns: TableColumn[], rows: string[][], options: { fontSize?: number } = {}): void {
    const { doc } = this;
    const fontSize = options.fontSize ?? this.sizes.body - 0.5;
    const padding = 3;
    const totalWeight = columns.reduce((sum, column) => sum + column.weight, 0);
    const widths = columns.map((column) => (column.weight / totalWeight) * this.contentWidth);
    doc.fontSize(fontSize);

    const rowHeight = (cells: string[], font: FontStyle) => {
      doc.font(font);
      return (
        Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 2 * padding }))) + 2 * padding
      );
    };
    const drawRow = (cells: string[], font: FontStyle, height: number, header: boolean) => {
      const y = doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        doc.rect(x, y, widths[i], height).lineWidth(0.5).stroke();
        doc.font(font).text(cell, x + padding, y + padding, {
          width: widths[i] - 2 * padding,
          align: header ? 'center' : (columns[i].align ?? 'left'),
        });
        x += widths[i];
      });
      doc.x = this.left;
      doc.y = y + height;
    };

    const headers = columns.map((column) => column.header);
    const headerHeight = rowHeight(headers, 'bold');
    this.ensureSpace(headerHeight + (rows[0] ? rowHeight(rows[0], 'regular') : 0));
    drawRow(headers, 'bold', headerHeight, true);
    for (const row of rows) {
      const height = rowHeight(row, 'regular');
      if (doc.y + height > this.bottom) {
        doc.addPage();
        drawRow(headers, 'bold', headerHeight, true);
      }
      drawRow(row, 'regular', height, false);
    }
    doc.font('regular').fontSize(this.sizes.body);
    doc.moveDown(0.5);
  }

  /** Signature blocks side by side: title, `(Ký ...)` hint, blank space, name. */
  signatures(blocks: Array<FormSignatory & { title: string; hint: string }>): void {
    const { doc } = this;
    const blankHeight = this.sizes.body * 5;
    const width = this.contentWidth / blocks.length;
    this.ensureSpace(this.sizes.body * 3 + blankHeight + this.sizes.body * 2);
    doc.moveDown(0.6);
    const top = doc.y;
    let lowest = top;
    blocks.forEach((block, i) => {
      const x = this.left + i * width;
      doc.font('bold').text(block.title, x, top, { width, align: 'center' });
      doc.font('italic').fontSize(this.sizes.small).text(block.hint, x, doc.y, { width, align: 'center' });
      doc.fontSize(this.sizes.body);
      if (block.name) doc.font('bold').text(block.name, x, doc.y + blankHeight, { width, align: 'center' });
      lowest = Math.max(lowest, doc.y);
    });
    doc.x = this.left;
    doc.y = lowest;
    doc.font('regular');
  }

  /** Footer on every page (form number, circular, dossier code, page), then the PDF bytes. */
  async finish(): Promise<Buffer> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottomMargin = doc.page.margins.bottom;
      // Writing inside the bottom margin would otherwise make pdfkit add a page.
      doc.page.margins.bottom = 0;
      const y = doc.page.height - bottomMargin / 2 - this.sizes.small / 2;
      doc
        .font('italic')
        .fontSize(this.sizes.small)
        .text(
          `${this.footerLabel}  ·  ${this.common.footerReference ?? `Mã hồ sơ: ${this.common.dossierCode}`}  ·  ` +
            `Trang ${i - range.start + 1}/${range.count}`,
          this.left,
          y,
          {
            width: this.contentWidth,
            align: 'center',
            lineBreak: false,
          },
        );
      doc.page.margins.bottom = bottomMargin;
    }
    doc.end();
    return this.finished;
  }

  private centredRule(centreX: number, y: number, width: number): void {
    this.doc
      .moveTo(centreX - width / 2, y)
      .lineTo(centreX + width / 2, y)
      .lineWidth(0.5)
      .stroke();
  }
}

// File length: the shared PDF layout primitives of every form (page, header, tables, footer, QR).
