// pdf-parse's index.js runs a debug self-test when required directly; the lib file does not.

const pdfParse: (data: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');
import ExcelJS from 'exceljs';
import { renderTrackingRegisterForm, TrackingRegisterFormData } from './tracking-register.form';
import { renderTrackingRegisterWorkbook } from './tracking-register.workbook';

const data: TrackingRegisterFormData = {
  agencyName: 'UBND xã An Hòa',
  parentAgencyName: 'UBND huyện An Bình',
  book: '2026',
  periodFrom: new Date('2026-11-30T17:00:00Z'),
  periodTo: new Date('2026-12-31T16:59:00Z'),
  issuedAt: new Date('2027-01-02T02:00:00Z'),
  rows: [
    {
      number: 1,
      dossierCode: '000.21.12.H62-261201-0001',
      content: 'Đăng ký khai sinh',
      count: 1,
      applicantName: 'Trần Văn Bình',
      address: 'Thôn Bắc, xã An Hòa',
      phone: '0912000111',
      receivedAt: new Date('2026-12-01T01:00:00Z'),
      appointmentAt: new Date('2026-12-03T01:00:00Z'),
      resultAt: new Date('2026-12-02T08:00:00Z'),
      returnedAt: null,
    },
  ],
};

// Rendering is CPU-bound; the shared test machine can be slow (no speed is asserted).
jest.setTimeout(60_000);

describe('form 06, tracking register (sổ theo dõi hồ sơ)', () => {
  it('renders an A4 PDF with the Vietnamese title, columns, book and the row', async () => {
    const pdf = await renderTrackingRegisterForm(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const match = /\/MediaBox \[([^\]]+)\]/.exec(pdf.toString('latin1'));
    expect(match?.[1].trim().split(/\s+/).map(Number).slice(2)).toEqual([595.28, 841.89]);
    const text = (await pdfParse(pdf)).text.normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain('Quyển số: 2026');
    expect(text).toContain('Mã hồ sơ');
    expect(text).toContain('Ngày hẹn trả');
    expect(text.replace(/ /g, '')).toContain('000.21.12.H62-261201-0001'); // the cell wraps the code
    expect(text).toContain('Trần Văn Bình');
    expect(text).toContain('01/12/2026'); // received, local date
    expect(text).toContain('Mẫu số 06 (TT 01/2018/TT-VPCP)');
  });

  it('renders the same rows as an XLSX workbook with Vietnamese headers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await renderTrackingRegisterWorkbook(data));
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Quyển 2026');
    expect(sheet.getCell('A2').value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      'STT',
      'Mã hồ sơ',
      'Nội dung (thủ tục)',
      'Số lượng hồ sơ',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Ngày nhận',
      'Ngày hẹn trả',
      'Ngày có kết quả',
      'Ngày trả kết quả',
      'Ghi chú',
    ]);
    const row = sheet.getRow(6);
    expect(row.getCell(1).value).toBe(1);
    expect(row.getCell(2).value).toBe('000.21.12.H62-261201-0001');
    expect(row.getCell(5).value).toBe('Trần Văn Bình');
    expect(String(row.getCell(7).value)).toContain('01/12/2026');
    expect(row.getCell(10).value).toBe('');
  });
});
