// pdf-parse's index.js runs a debug self-test when required directly; the lib file does not.

const pdfParse: (data: Buffer) => Promise<{ text: string; numpages: number }> = require('pdf-parse/lib/pdf-parse.js');
import {
  formatDate,
  formatDateTime,
  formatLongDate,
  FORM_SETS,
  renderApologyForm,
  renderControlSlipForm,
  legalProcessingTimeText,
  renderReceiptForm,
  renderRefusalForm,
  renderSupplementRequestForm,
} from './index';
import {
  apologyFixture,
  controlSlipFixture,
  receiptFixture,
  refusalFixture,
  supplementRequestFixture,
} from './testing/form-fixtures';

// Rendering and parsing PDFs is CPU-bound; on a loaded machine one test can take over jest's default 5 s (no speed is
// asserted here).
jest.setTimeout(60_000);

const A5 = [419.53, 595.28];
const A4 = [595.28, 841.89];

async function textOf(pdf: Buffer): Promise<string> {
  // Compare on a whitespace-normalised, NFC text: extraction splits lines where the layout wraps.
  const { text } = await pdfParse(pdf);
  return text.normalize('NFC').replace(/\s+/g, ' ');
}

function mediaBoxOf(pdf: Buffer): number[] {
  const match = /\/MediaBox \[([^\]]+)\]/.exec(pdf.toString('latin1'));
  if (!match) throw new Error('no MediaBox');
  return match[1].trim().split(/\s+/).map(Number).slice(2);
}

function expectQrImage(pdf: Buffer): void {
  const raw = pdf.toString('latin1');
  expect(raw).toMatch(/\/Subtype \/Image/);
  expect(raw).toMatch(/\/XObject/);
}

function expectPage(pdf: Buffer, size: number[]): void {
  const [width, height] = mediaBoxOf(pdf);
  expect(width).toBeCloseTo(size[0], 0);
  expect(height).toBeCloseTo(size[1], 0);
}

function expectCommonHeader(text: string): void {
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
  expect(text).toContain('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ QUẬN BA ĐÌNH');
  expect(text).toContain('Mã hồ sơ: 000.00.12.H62-201105-0004');
  expect(text).toContain('Nguyễn Thị Hồng Nhung');
}

describe('date formatting', () => {
  it('renders in Asia/Ho_Chi_Minh by default and honours another offset', () => {
    const instant = new Date('2020-11-05T17:05:00Z');
    expect(formatDateTime(instant)).toBe('00 giờ 05 phút, ngày 06/11/2020');
    expect(formatDate(instant, 0)).toBe('05/11/2020');
    expect(formatLongDate(instant)).toBe('ngày 06 tháng 11 năm 2020');
  });
});

describe('legal processing time on form 01', () => {
  it('prints a fractional time with the Vietnamese decimal comma', () => {
    expect(legalProcessingTimeText({ amount: 0.5, unit: 'working-day' })).toBe('0,5 ngày làm việc');
    expect(legalProcessingTimeText({ amount: 2.25, unit: 'working-hour' })).toBe('2,25 giờ làm việc');
    expect(legalProcessingTimeText({ amount: 10, unit: 'working-day' })).toBe('10 ngày làm việc');
  });
});

describe('form sets', () => {
  it('labels each set by its circular and renumbers the control slip in TT 03/2025', () => {
    expect(FORM_SETS['TT01-2018'].forms['control-slip'].number).toBe('05');
    expect(FORM_SETS['TT03-2025'].forms['control-slip'].number).toBe('06');
    expect(FORM_SETS['TT03-2025'].circular).toBe('TT 03/2025/TT-VPCP');
  });
});

describe('renderReceiptForm', () => {
  it('prints the receipt and appointment on A5 with Vietnamese text and a QR code', async () => {
    const pdf = await renderReceiptForm(receiptFixture);
    const text = await textOf(pdf);

    expectPage(pdf, A5);
    expectQrImage(pdf);
    expectCommonHeader(text);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Cấp giấy chứng nhận đăng ký hộ kinh doanh');
    expect(text).toContain('1.001612');
    expect(text).toContain('0912 345 678');
    expect(text).toContain('nhung.nguyen@example.vn');
    expect(text).toContain('Bản sao chứng thực');
    expect(text).toContain('Bản chính');
    expect(text).toContain('1 (bộ)');
    expect(text).toContain('3 ngày làm việc');
    expect(text).toContain('09 giờ 15 phút, ngày 05/11/2020');
    expect(text).toContain('16 giờ 30 phút, ngày 10/11/2020');
    expect(text).toContain('Quyển số: 02');
    expect(text).toContain('Mã tra cứu: K7Q-2MX9');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(text).toContain('Mẫu số 01 (TT 01/2018/TT-VPCP)');
  });

  it('is byte-identical for identical data', async () => {
    const first = await renderReceiptForm(receiptFixture);
    const second = await renderReceiptForm(receiptFixture);
    expect(first.equals(second)).toBe(true);
  });

  it('labels the form with the TT 03/2025 set when asked, and encodes a lookup URL', async () => {
    const withCode = await renderReceiptForm(receiptFixture);
    const pdf = await renderReceiptForm({
      ...receiptFixture,
      formSet: 'TT03-2025',
      lookupUrl: 'https://dichvucong.example.vn/tra-cuu?ma=000.00.12.H62-201105-0004',
    });
    const text = await textOf(pdf);
    expect(text).toContain('Mẫu số 01 (TT 03/2025/TT-VPCP)');
    expectQrImage(pdf);
    expect(pdf.equals(withCode)).toBe(false);
  });

  it('prints dots for blank optional fields and omits the lookup line without a secret', async () => {
    const pdf = await renderReceiptForm({
      ...receiptFixture,
      applicant: { name: 'Nguyễn Thị Hồng Nhung' },
      lookupSecret: undefined,
      register: undefined,
    });
    const text = await textOf(pdf);
    expect(text).not.toContain('Mã tra cứu');
    // pdf-parse extracts the ellipsis glyph as three dots.
    expect(text).toMatch(/Địa chỉ: (…|\.\.\.)+ Số điện thoại/);
  });

  it('continues long document lists on another page with the dossier code in every footer', async () => {
    const documents = Array.from({ length: 40 }, (_, index) => ({
      name: `Giấy tờ kèm theo số ${index + 1}`,
      form: 'copy' as const,
      count: 1,
    }));
    const pdf = await renderReceiptForm({ ...receiptFixture, documents });
    const parsed = await pdfParse(pdf);
    expect(parsed.numpages).toBeGreaterThan(1);
    const text = parsed.text.normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('Giấy tờ kèm theo số 40');
    expect(text).toContain(`Trang ${parsed.numpages}/${parsed.numpages}`);
  });
});

describe('renderSupplementRequestForm', () => {
  it('lists every document to complete with its reason', async () => {
    const pdf = await renderSupplementRequestForm(supplementRequestFixture);
    const text = await textOf(pdf);

    expectPage(pdf, A5);
    expectQrImage(pdf);
    expectCommonHeader(text);
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('Thiếu chữ ký của chủ hộ kinh doanh');
    expect(text).toContain('Chưa có bản chính để đối chiếu');
    expect(text).toContain('024 3823 4567');
    expect(text).toContain('NGƯỜI HƯỚNG DẪN');
    expect(text).toContain('Trần Văn Đức');
    expect(text).toContain('ngày 05 tháng 11 năm 2020');
  });
});

describe('renderRefusalForm', () => {
  it('prints the procedure and the reason', async () => {
    const pdf = await renderRefusalForm(refusalFixture);
    const text = await textOf(pdf);

    expectPage(pdf, A5);
    expectQrImage(pdf);
    expectCommonHeader(text);
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Cấp giấy chứng nhận đăng ký hộ kinh doanh');
    expect(text).toContain('danh mục ngành, nghề cấm đầu tư kinh doanh');
  });
});

describe('renderApologyForm', () => {
  it('prints the original and the new appointment and the unit responsible', async () => {
    const pdf = await renderApologyForm(apologyFixture);
    const text = await textOf(pdf);

    expectPage(pdf, A5);
    expectQrImage(pdf);
    expectCommonHeader(text);
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(text).toContain('Ngày 05/11/2020');
    expect(text).toContain('16 giờ 30 phút, ngày 10/11/2020');
    expect(text).toContain('16 giờ 00 phút, ngày 13/11/2020');
    expect(text).toContain('Phòng Tài chính - Kế hoạch quận Ba Đình');
    expect(text).toContain('Lê Hoàng Phúc');
    expect(text).toContain('PHÓ CHỦ TỊCH');
  });
});

describe('renderControlSlipForm', () => {
  it('prints one row per hand-over on A4 with early / on-time / late labels', async () => {
    const pdf = await renderControlSlipForm(controlSlipFixture);
    const text = await textOf(pdf);

    expectPage(pdf, A4);
    expectQrImage(pdf);
    expectCommonHeader(text);
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('09 giờ 15 phút, ngày 05/11/2020');
    expect(text).toContain('16 giờ 30 phút, ngày 10/11/2020');
    expect(text).toContain('1. Giao: Bộ phận Tiếp nhận và Trả kết quả quận Ba Đình');
    expect(text).toContain('Nhận: Phòng Tài chính - Kế hoạch');
    expect(text).toContain('3. Giao: Lãnh đạo UBND quận');
    expect(text).toContain('Giao: 11 giờ 00 phút, ngày 05/11/2020');
    expect(text).toContain('Nhận: 11 giờ 20 phút, ngày 05/11/2020');
    expect(text).toContain('Trước hạn');
    expect(text).toContain('Đúng hạn');
    expect(text).toContain('Quá hạn');
    expect(text).toContain('Chậm 1 ngày, đã gửi phiếu xin lỗi');
    expect(text).toContain('Mẫu số 05 (TT 01/2018/TT-VPCP)');
  });
});
