import {
  APPLICANT_NOTIFICATION_EVENT_TYPES,
  formatVietnamDateTime,
  renderApplicantNotification,
} from './applicant-notification-templates';

const context = {
  dossierCode: '000.00.12.H62-251103-0001',
  applicantName: 'Nguyễn Văn An',
  procedureName: 'Cấp giấy chứng nhận quyền sử dụng đất',
  deskName: 'Bộ phận Một cửa UBND huyện An Bình',
  statusPageUrl: 'http://127.0.0.1:3000/app/tra-cuu/000.00.12.H62-251103-0001',
};

describe('applicant notification templates', () => {
  it('formats instants in Vietnam time', () => {
    expect(formatVietnamDateTime('2025-11-03T09:00:00.000Z')).toBe('16:00 ngày 03/11/2025');
    expect(formatVietnamDateTime('not a date')).toBeNull();
    expect(formatVietnamDateTime(undefined)).toBeNull();
  });

  it('received: code, appointment and where the result is returned', () => {
    const content = renderApplicantNotification(
      { type: 'intake-accepted', payload: { appointmentAt: '2025-11-10T09:00:00.000Z' } },
      context,
    );
    expect(content).toMatchObject({ kind: 'received', subject: `[${context.dossierCode}] Đã tiếp nhận hồ sơ` });
    expect(content!.text).toContain('Kính gửi Ông/Bà Nguyễn Văn An,');
    expect(content!.text).toContain('Ngày hẹn trả kết quả: 16:00 ngày 10/11/2025.');
    expect(content!.text).toContain(`Nơi trả kết quả: ${context.deskName}.`);
    expect(content!.text).toContain(context.statusPageUrl);
    expect(content!.sms).toBe(`${context.dossierCode}: Da tiep nhan ho so, hen tra ket qua 16:00 ngay 10/11/2025.`);
  });

  it('supplement needed lists every missing item (intake) or the officer comment (appraisal), and the due date', () => {
    const intake = renderApplicantNotification(
      {
        type: 'intake-supplement-requested',
        payload: { supplementItems: [{ documentCode: 'GTNG', reason: 'thiếu bản sao chứng thực' }] },
      },
      context,
    );
    expect(intake!.kind).toBe('supplement-needed');
    expect(intake!.text).toContain('- GTNG: thiếu bản sao chứng thực');
    const appraisal = renderApplicantNotification(
      { type: 'supplement-requested', payload: { comment: 'Bổ sung sơ đồ thửa đất', dueAt: '2025-11-14T10:00:00Z' } },
      context,
    );
    expect(appraisal!.text).toContain('- Bổ sung sơ đồ thửa đất');
    expect(appraisal!.text).toContain('Thời hạn bổ sung: trước 17:00 ngày 14/11/2025.');
  });

  it('payment needed: amount in VND and the pay link', () => {
    const content = renderApplicantNotification(
      { type: 'payment-requested', payload: { amount: 150000, expiresAt: '2025-11-05T10:00:00Z' } },
      context,
    );
    expect(content!.kind).toBe('payment-needed');
    expect(content!.text).toContain('số tiền 150.000 đ');
    expect(content!.text).toContain('Hạn nộp: trước 17:00 ngày 05/11/2025.');
    expect(content!.text).toContain(`Thanh toán trực tuyến: ${context.statusPageUrl}`);
  });

  it('apology: reason, responsible unit and the new date', () => {
    const content = renderApplicantNotification(
      {
        type: 'apology-issued',
        payload: {
          reason: 'Cần xác minh thực địa',
          responsibleUnit: 'Văn phòng đăng ký đất đai',
          originalAppointmentAt: '2025-11-10T09:00:00Z',
          newAppointmentAt: '2025-11-12T09:00:00Z',
        },
      },
      context,
    );
    expect(content!.kind).toBe('apology');
    expect(content!.text).toContain('chưa thể trả kết quả đúng hẹn (16:00 ngày 10/11/2025)');
    expect(content!.text).toContain('Lý do: Cần xác minh thực địa.');
    expect(content!.text).toContain('Ngày hẹn trả kết quả mới: 16:00 ngày 12/11/2025.');
  });

  it('result ready says where and how to collect, per return channel; the delivery step announces it once', () => {
    expect(
      renderApplicantNotification({ type: 'delivery-started', payload: { channel: 'online' } }, context)!.text,
    ).toContain('Tải kết quả');
    expect(
      renderApplicantNotification(
        { type: 'delivery-started', payload: { channel: 'postal', trackingNumber: 'EE123456789VN' } },
        context,
      )!.text,
    ).toContain('mã bưu gửi EE123456789VN');
    expect(
      renderApplicantNotification({ type: 'delivery-started', payload: { channel: 'desk' } }, context)!.text,
    ).toContain(`nhận kết quả trực tiếp tại ${context.deskName}`);
    expect(renderApplicantNotification({ type: 'result-ready', payload: { deliveryStepId: 'return' } }, context)).toBe(
      null,
    );
    expect(renderApplicantNotification({ type: 'result-ready', payload: {} }, context)!.kind).toBe('result-ready');
  });

  it('delivered invites the rating; other events tell the applicant nothing', () => {
    expect(renderApplicantNotification({ type: 'result-returned', payload: {} }, context)!.kind).toBe('delivered');
    expect(renderApplicantNotification({ type: 'step-completed', payload: {} }, context)).toBeNull();
    for (const type of APPLICANT_NOTIFICATION_EVENT_TYPES) {
      const content = renderApplicantNotification({ type, payload: {} }, context);
      if (content) expect(content.subject.startsWith(`[${context.dossierCode}]`)).toBe(true);
    }
  });
});
