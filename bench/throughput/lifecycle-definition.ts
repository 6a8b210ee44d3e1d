import { AppProcess } from './app-process';

/** The bench lifecycle's steps, in order: two agency tasks, a connector, a payment and the delivery. */
export const LIFECYCLE_STEPS = ['desk', 'land-registry', 'tax', 'fee', 'return-result'] as const;

/** The five-step definition, published for the bench procedure before the runs (desk and land registry first). */
export function lifecycleDefinition(procedureCode: string): object {
  return {
    procedureCode,
    legalTime: { workingDays: 20 },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        name: 'Bộ phận một cửa chuyển hồ sơ',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: 'land-registry' },
      },
      {
        id: 'land-registry',
        name: 'Văn phòng Đăng ký đất đai thẩm định',
        kind: 'task',
        agency: { code: '000.02.02.H62' },
        budget: { workingDays: 8 },
        transitions: { approve: 'tax', refuse: '@end:refused' },
      },
      {
        id: 'tax',
        name: 'Cục Thuế xác định nghĩa vụ tài chính',
        kind: 'connector',
        connector: 'tax-land-levy',
        maxAttempts: 3,
        agency: { code: '000.00.07.H62' },
        budget: { workingDays: 3 },
        transitions: { approve: 'fee' },
      },
      {
        id: 'fee',
        name: 'Nộp lệ phí',
        kind: 'payment',
        agency: { role: 'receiving-desk' },
        budget: { workingDays: 2 },
        transitions: { approve: 'return-result' },
      },
      {
        id: 'return-result',
        name: 'Trả kết quả',
        kind: 'delivery',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: '@end:result-ready' },
      },
    ],
  };
}

/** Publishes the lifecycle definition as the procedure's newest version (admin over HTTP, as an operator would). */
export async function publishLifecycleDefinition(
  app: AppProcess,
  adminToken: string,
  procedureId: string,
  procedureCode: string,
): Promise<void> {
  const authorization = { authorization: `Bearer ${adminToken}` };
  const created = await app.client.expect(
    201,
    'POST',
    '/process-definitions',
    { procedureId, document: lifecycleDefinition(procedureCode) },
    authorization,
  );
  const { id } = JSON.parse(created.body) as { id: string };
  await app.client.expect([200, 201], 'POST', `/process-definitions/${id}/publish`, {}, authorization);
}
