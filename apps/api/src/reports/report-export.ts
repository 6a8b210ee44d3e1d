import { DossierFacts, RESOLUTION_REPORT_HEADERS, reportRowCells } from '@motcua/domain';
import type { ResolutionReport } from './resolution-report.use-case';

const GROUP_LABELS = { field: 'Lĩnh vực', procedure: 'Thủ tục', agency: 'Cơ quan' } as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a UTF-8 byte order mark (spreadsheet programs then read the Vietnamese headers right). */
export function toCsv(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return `\uFEFF${[headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function resolutionReportCsv(report: ResolutionReport): string {
  const headers = [GROUP_LABELS[report.groupBy], ...RESOLUTION_REPORT_HEADERS.slice(1)];
  return toCsv(headers, [...report.rows, report.total].map(reportRowCells));
}

/** The report as a workbook: title, period, Vietnamese headers, one row per group and the total line (bold). */
export async function resolutionReportWorkbook(report: ResolutionReport): Promise<Buffer> {
  // Loaded on first export, not at boot (exceljs is ~170 modules every API process and test file would load).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua';
  const fixed = new Date(`${report.to}T00:00:00Z`);
  workbook.created = fixed;
  workbook.modified = fixed;
  const sheet = workbook.addWorksheet('Báo cáo', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const headers = [GROUP_LABELS[report.groupBy], ...RESOLUTION_REPORT_HEADERS.slice(1)];
  const width = headers.length;
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(1, 1).value = 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
  sheet.getCell(1, 1).font = { bold: true, size: 13 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, width);
  sheet.getCell(2, 1).value = `Từ ngày ${report.from} đến ngày ${report.to}`;
  sheet.getCell(2, 1).font = { italic: true };
  sheet.getCell(2, 1).alignment = { horizontal: 'center' };
  const border = { style: 'thin' as const };
  const header = sheet.getRow(4);
  headers.forEach((text, index) => {
    const cell = header.getCell(index + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { top: border, left: border, bottom: border, right: border };
  });
  [...report.rows, report.total].forEach((row, rowIndex) => {
    const sheetRow = sheet.getRow(5 + rowIndex);
    reportRowCells(row).forEach((value, index) => {
      const cell = sheetRow.getCell(index + 1);
      cell.value = value;
      cell.border = { top: border, left: border, bottom: border, right: border };
      if (row === report.total) cell.font = { bold: true };
    });
  });
  sheet.getColumn(1).width = 36;
  for (let column = 2; column <= width; column += 1) sheet.getColumn(column).width = 13;
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const DOSSIER_FACT_HEADERS = [
  'Mã hồ sơ',
  'Mã thủ tục',
  'Thủ tục (id)',
  'Cơ quan tiếp nhận (id)',
  'Kênh',
  'Loại kết quả của thủ tục',
  'Tiếp nhận lúc',
  'Hẹn trả ban đầu',
  'Hẹn trả hiện tại',
  'Kết thúc lúc',
  'Kết thúc',
  'Trả kết quả lúc',
  'Yêu cầu bổ sung (yêu cầu→nhận)',
  'Lệ phí',
  'Kênh thanh toán',
  'Thanh toán lúc',
  'Chuyển giao (lúc:điện tử)',
  'Kết quả điện tử',
  'Tái sử dụng lúc',
  'Đánh giá lúc',
  'Hài lòng',
] as const;

export function dossierFactCells(facts: DossierFacts): unknown[] {
  return [
    facts.code,
    facts.procedureCode,
    facts.procedureId,
    facts.agencyId,
    facts.channel,
    facts.resultType ?? null,
    facts.receivedAt,
    facts.originalAppointmentAt,
    facts.currentAppointmentAt,
    facts.endedAt,
    facts.endKind,
    facts.returnedAt,
    facts.supplementWaits.map((wait) => `${wait.requestedAt}→${wait.receivedAt ?? ''}`).join('; '),
    facts.feeAmount,
    facts.paymentChannel,
    facts.paidAt,
    facts.handovers.map((handover) => `${handover.at}:${handover.electronic ? 1 : 0}`).join('; '),
    facts.digitizedResult ? 1 : 0,
    facts.reusedAt,
    facts.ratedAt,
    facts.satisfied === null ? '' : facts.satisfied ? 1 : 0,
  ];
}
