import type { ApologyFormData } from '../apology.form';
import type { ControlSlipFormData } from '../control-slip.form';
import type { ReceiptFormData } from '../receipt.form';
import type { RefusalFormData } from '../refusal.form';
import type { SupplementRequestFormData } from '../supplement-request.form';

/** Realistic Vietnamese form data for tests and visual checks. */
const common = {
  dossierCode: '000.00.12.H62-201105-0004',
  parentAgencyName: 'UBND thành phố Hà Nội',
  agencyName: 'Bộ phận Tiếp nhận và Trả kết quả quận Ba Đình',
  placeName: 'Hà Nội',
  documentNumber: '0004/TN',
};

const applicant = {
  name: 'Nguyễn Thị Hồng Nhung',
  address: 'Số 12 ngõ 34 phố Đội Cấn, phường Ngọc Hà, quận Ba Đình, Hà Nội',
  phone: '0912 345 678',
  email: 'nhung.nguyen@example.vn',
};

const procedure = { name: 'Cấp giấy chứng nhận đăng ký hộ kinh doanh', code: '1.001612' };

// 09:15 and 16:30 in Asia/Ho_Chi_Minh.
const receivedAt = new Date('2020-11-05T02:15:00Z');
const appointmentAt = new Date('2020-11-10T09:30:00Z');

export const receiptFixture: ReceiptFormData = {
  ...common,
  applicant,
  procedure,
  documents: [
    { name: 'Giấy đề nghị đăng ký hộ kinh doanh', form: 'original', count: 1 },
    {
      name: 'Bản sao giấy tờ pháp lý của cá nhân đối với các thành viên hộ gia đình đăng ký hộ kinh doanh',
      form: 'certified-copy',
      count: 2,
    },
    { name: 'Biên bản họp thành viên hộ gia đình', form: 'copy', count: 1 },
  ],
  numberOfSets: 1,
  legalProcessingTime: { amount: 3, unit: 'working-day' },
  receivedAt,
  appointmentAt,
  resultCollectionPlace: 'Bộ phận Tiếp nhận và Trả kết quả quận Ba Đình',
  register: { book: '02', number: 157 },
  copyLabel: 'Giao người nộp hồ sơ',
  lookupSecret: 'K7Q-2MX9',
  receivingOfficer: { name: 'Trần Văn Đức' },
};

export const supplementRequestFixture: SupplementRequestFormData = {
  ...common,
  applicant,
  procedure,
  requestedAt: new Date('2020-11-05T03:00:00Z'),
  items: [
    { documentName: 'Giấy đề nghị đăng ký hộ kinh doanh', reason: 'Thiếu chữ ký của chủ hộ kinh doanh' },
    { documentName: 'Biên bản họp thành viên hộ gia đình', reason: 'Chưa có bản chính để đối chiếu' },
  ],
  contact: { name: 'Trần Văn Đức', unit: 'Bộ phận Một cửa quận Ba Đình', phone: '024 3823 4567' },
  officer: { name: 'Trần Văn Đức' },
};

export const refusalFixture: RefusalFormData = {
  ...common,
  applicant,
  procedure,
  refusedAt: new Date('2020-11-05T03:30:00Z'),
  reason: 'Ngành, nghề đăng ký thuộc danh mục ngành, nghề cấm đầu tư kinh doanh theo Luật Đầu tư.',
  officer: { name: 'Trần Văn Đức' },
};

export const apologyFixture: ApologyFormData = {
  ...common,
  applicant,
  procedure,
  receivedAt,
  originalAppointmentAt: appointmentAt,
  reason: 'Cần xác minh thông tin địa điểm kinh doanh với Ủy ban nhân dân phường Ngọc Hà.',
  responsibleUnitName: 'Phòng Tài chính - Kế hoạch quận Ba Đình',
  newAppointmentAt: new Date('2020-11-13T09:00:00Z'),
  newAppointmentPlace: 'Bộ phận Tiếp nhận và Trả kết quả quận Ba Đình',
  head: { title: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'Lê Hoàng Phúc' },
  apologisedAt: new Date('2020-11-09T02:00:00Z'),
};

export const controlSlipFixture: ControlSlipFormData = {
  ...common,
  applicant,
  procedure,
  receivedAt,
  appointmentAt,
  copyLabel: 'Lưu tại Bộ phận Tiếp nhận và Trả kết quả',
  handOvers: [
    {
      fromAgencyName: 'Bộ phận Tiếp nhận và Trả kết quả quận Ba Đình',
      toAgencyName: 'Phòng Tài chính - Kế hoạch',
      handedOverAt: new Date('2020-11-05T04:00:00Z'),
      receivedAt: new Date('2020-11-05T04:20:00Z'),
      result: 'early',
      giverName: 'Trần Văn Đức',
      receiverName: 'Phạm Thu Trang',
    },
    {
      fromAgencyName: 'Phòng Tài chính - Kế hoạch',
      toAgencyName: 'Lãnh đạo UBND quận',
      handedOverAt: new Date('2020-11-09T08:00:00Z'),
      result: 'on-time',
    },
    {
      fromAgencyName: 'Lãnh đạo UBND quận',
      toAgencyName: 'Bộ phận Tiếp nhận và Trả kết quả quận Ba Đình',
      handedOverAt: new Date('2020-11-11T02:00:00Z'),
      result: 'late',
      note: 'Chậm 1 ngày, đã gửi phiếu xin lỗi',
    },
  ],
};
