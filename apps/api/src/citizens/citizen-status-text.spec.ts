import { DOSSIER_STATUSES } from '@motcua/domain';
import { CITIZEN_STATUS_TEXT, neededNow, timelineText } from './citizen-status-text';

describe('citizen status page words', () => {
  it('names every dossier status in plain Vietnamese', () => {
    for (const status of DOSSIER_STATUSES) expect(CITIZEN_STATUS_TEXT[status]).toMatch(/\S/);
  });

  it('shows public events only, in words', () => {
    expect(timelineText({ type: 'intake-accepted', payload: { appointmentAt: '2026-11-24T09:00:00.000Z' } })).toBe(
      'Đã tiếp nhận hồ sơ, hẹn trả kết quả 16:00 ngày 24/11/2026',
    );
    expect(timelineText({ type: 'payment-requested', payload: { amount: 100000 } })).toBe(
      'Yêu cầu nộp phí, lệ phí 100.000 đ',
    );
    expect(timelineText({ type: 'step-started', payload: { status: 'processing' } })).toBe('Đang giải quyết');
    expect(timelineText({ type: 'step-started', payload: { status: 'awaiting-payment' } })).toBeNull();
    expect(timelineText({ type: 'step-completed', payload: {} })).toBeNull();
    expect(timelineText({ type: 'deadline-warning', payload: {} })).toBeNull();
  });

  it('says what is needed: the supplement items, or the open fee', () => {
    const events = [
      { type: 'supplement-requested', payload: { comment: 'Bổ sung sơ đồ thửa đất' } },
      {
        type: 'intake-supplement-requested',
        payload: { supplementItems: [{ documentCode: 'GTNG', reason: 'thiếu bản sao' }] },
      },
    ];
    expect(neededNow('awaiting-intake-supplement', events, null)).toEqual(['GTNG: thiếu bản sao']);
    expect(neededNow('awaiting-supplement', events.slice(0, 1), null)).toEqual(['Bổ sung sơ đồ thửa đất']);
    expect(neededNow('awaiting-payment', [], { amount: 100000, expiresAt: new Date('2026-11-25T10:00:00Z') })).toEqual([
      'Nộp phí, lệ phí 100.000 đ trước 17:00 ngày 25/11/2026',
    ]);
    expect(neededNow('processing', events, null)).toEqual([]);
  });
});
