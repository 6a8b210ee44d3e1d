import { DOSSIER_STATUSES, DossierStatus } from '../dossier/dossier-status';
import {
  mapNationalStatusPayload,
  nationalTimestamp,
  NationalStatusInput,
  statusAfterEvent,
  validateNationalStatusPayload,
} from './national-status-payload';

const base: NationalStatusInput = {
  messageId: '6b1f1d5e-2f0a-4d9c-9d7e-0a4f3c2b1a00',
  dossierCode: '000.00.12.H62-251103-0001',
  procedureCode: '1.001234',
  agencyIdentifier: '000.00.12.H62',
  channel: 'in-person',
  status: 'received',
  receivedAt: new Date('2025-11-03T02:15:30Z'),
  appointmentAt: new Date('2025-11-10T09:00:00Z'),
  changedAt: new Date('2025-11-03T02:15:31Z'),
  sequence: 1,
};

describe('national portal status payload (DOMAIN.md codes)', () => {
  it.each<[DossierStatus, number]>([
    ['registered', 1],
    ['received', 2],
    ['refused-at-intake', 3],
    ['processing', 4],
    ['awaiting-intake-supplement', 5],
    ['awaiting-supplement', 5],
    ['awaiting-payment', 6],
    ['withdrawn', 7],
    ['stopped', 8],
    ['result-ready', 9],
    ['refused', 9],
    ['returned', 10],
  ])('status %s → TrangThaiHoSo %i', (status, code) => {
    expect(mapNationalStatusPayload({ ...base, status }).TrangThaiHoSo).toBe(code);
  });

  it('covers every dossier status', () => {
    for (const status of DOSSIER_STATUSES) {
      expect(validateNationalStatusPayload(mapNationalStatusPayload({ ...base, status }))).toEqual([]);
    }
  });

  it.each([
    ['in-person', 1],
    ['online', 2],
    ['postal', 3],
  ] as const)('channel %s → KenhThucHien %i', (channel, code) => {
    expect(mapNationalStatusPayload({ ...base, channel }).KenhThucHien).toBe(code);
  });

  it('writes times as yyyyMMddHHmmss in GMT+7 and keeps the order key', () => {
    const payload = mapNationalStatusPayload({ ...base, sequence: 7 });
    expect(payload).toEqual({
      MaGiaoDich: base.messageId,
      MaHoSo: '000.00.12.H62-251103-0001',
      MaTTHC: '1.001234',
      MaCoQuanTiepNhan: '000.00.12.H62',
      KenhThucHien: 1,
      TrangThaiHoSo: 2,
      NgayTiepNhan: '20251103091530',
      NgayHenTra: '20251110160000',
      NgayCapNhat: '20251103091531',
      SoThuTu: 7,
    });
    expect(nationalTimestamp(new Date('2025-12-31T17:00:00Z'))).toBe('20260101000000');
    expect(mapNationalStatusPayload({ ...base, appointmentAt: null }).NgayHenTra).toBeNull();
  });

  it('validates against the field list: missing, wrong and unknown fields are named', () => {
    const valid = mapNationalStatusPayload(base);
    expect(validateNationalStatusPayload(valid)).toEqual([]);
    const { MaHoSo: _dropped, ...missing } = valid;
    expect(validateNationalStatusPayload(missing)).toEqual(['MaHoSo is required']);
    expect(validateNationalStatusPayload({ ...valid, TrangThaiHoSo: 11, KenhThucHien: 4 })).toEqual([
      'KenhThucHien must be 1, 2 or 3',
      'TrangThaiHoSo must be an integer 1–10',
    ]);
    expect(validateNationalStatusPayload({ ...valid, NgayCapNhat: '2025-11-03' })).toEqual([
      'NgayCapNhat must be yyyyMMddHHmmss',
    ]);
    expect(validateNationalStatusPayload({ ...valid, Extra: 1 })).toEqual([
      'Extra is not a field of the national status message',
    ]);
    expect(validateNationalStatusPayload([])).toEqual(['payload must be an object']);
    expect(() => mapNationalStatusPayload({ ...base, procedureCode: 'abc' })).toThrow(/MaTTHC/);
  });

  it('carries every procedure code the catalog accepts, province suffix included (DOMAIN.md "Dossier code")', () => {
    // POST /admin/procedures accepts `1.001234.000.00.00.H62` (create-procedure.dto.ts); its dossiers must sync.
    for (const procedureCode of ['1.001234', '1.001234.H62', '1.001234.000.00.00.H62']) {
      expect(mapNationalStatusPayload({ ...base, procedureCode }).MaTTHC).toBe(procedureCode);
    }
    expect(() => mapNationalStatusPayload({ ...base, procedureCode: '1.001234.000.00.00.00.H62' })).toThrow(/MaTTHC/);
  });

  it('reads the status after an event from its payload', () => {
    expect(statusAfterEvent({ type: 'intake-accepted', payload: { status: 'received' } })).toBe('received');
    expect(statusAfterEvent({ type: 'document-uploaded', payload: {} })).toBeNull();
    expect(statusAfterEvent({ type: 'x', payload: { status: 'bogus' } })).toBeNull();
  });
});
