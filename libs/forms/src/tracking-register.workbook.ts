import { DEFAULT_TIME_ZONE_OFFSET_MINUTES, formatDate } from './form-format';
import { formDefinition } from './form-set';
import { TRACKING_REGISTER_COLUMNS, trackingRegisterCells, TrackingRegisterFormData } from './tracking-register.form';

/** Form 06 as a spreadsheet (one sheet, Vietnamese headers, the same cells as the PDF). */
export async function renderTrackingRegisterWorkbook(data: TrackingRegisterFormData): Promise<Buffer> {
  const offset = data.timeZoneOffsetMinutes ?? DEFAULT_TIME_ZONE_OFFSET_MINUTES;
  const definition = formDefinition('tracking-register', data.formSet);
  // Loaded on first export, not at boot (see apps/api/src/reports/report-export.ts).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua';
  // Fixed dates make the output identical for identical data.
  workbook.created = data.issuedAt ?? data.periodTo;
  workbook.modified = data.issuedAt ?? data.periodTo;
  const sheet = workbook.addWorksheet(`Quyển ${data.book}`, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = TRACKING_REGISTER_COLUMNS.length;
  const title = (row: number, text: string, bold = true) => {
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { bold, size: bold ? 13 : 11, italic: !bold };
    cell.alignment = { horizontal: 'center' };
  };
  title(1, data.agencyName.toUpperCase());
  title(2, definition.title);
  title(
    3,
    `Quyển số: ${data.book} — từ ngày ${formatDate(data.periodFrom, offset)} đến ngày ${formatDate(data.periodTo, offset)}`,
    false,
  );
  const header = sheet.getRow(5);
  TRACKING_REGISTER_COLUMNS.forEach((text, index) => {
    const cell = header.getCell(index + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = {
      top: { style: 'thin' },
      left: { style: 'thin' },
      bottom: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
  data.rows.forEach((row, rowIndex) => {
    const cells = trackingRegisterCells(row, offset);
    const sheetRow = sheet.getRow(6 + rowIndex);
    cells.forEach((text, index) => {
      const cell = sheetRow.getCell(index + 1);
      cell.value = index === 0 || index === 3 ? Number(text) : text;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  [6, 24, 36, 8, 22, 28, 16, 16, 16, 16, 16].forEach((columnWidth, index) => {
    sheet.getColumn(index + 1).width = columnWidth;
  });
  sheet.views = [{ state: 'frozen', ySplit: 5 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
