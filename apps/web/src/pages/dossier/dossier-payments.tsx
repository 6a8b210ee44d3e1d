import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api, openPdf } from '../../api/client';
import { ApiError, describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';
import { formatDateTime, name } from '../../ui/labels';

type Payments = Schema<'DossierPaymentsDto'>;
type PaymentRequest = Schema<'PaymentRequestDto'>;

const PAYMENT_STATUS_NAMES: Record<string, string> = {
  pending: 'Chờ nộp',
  paid: 'Đã nộp',
  expired: 'Hết hạn',
  cancelled: 'Đã hủy',
};
const DESK_METHOD_NAMES: Record<string, string> = { cash: 'Tiền mặt', 'bank-transfer': 'Chuyển khoản / POS' };

export const vnd = (amount: number) => `${amount.toLocaleString('vi-VN')} đồng`;

/** Fee requests of the dossier (lines in whole VND) and, for the desk, taking the payment at the counter. */
export function DossierPayments({ dossierId, desk }: { dossierId: string; desk: boolean }) {
  const [openError, setOpenError] = useState<string | null>(null);
  const payments = useQuery({
    queryKey: ['dossier', dossierId, 'payments'],
    queryFn: () => api<Payments>(`/dossiers/${dossierId}/payments`),
  });
  if (!payments.data || payments.data.requests.length === 0) return null;
  const open = payments.data.requests.find((request) => request.status === 'pending');
  return (
    <section class="card" aria-labelledby="payments-title">
      <h2 id="payments-title">Phí, lệ phí</h2>
      <ul>
        {payments.data.requests.map((request) => (
          <li key={request.id} data-payment-status={request.status}>
            Lần {request.issueNumber}: {vnd(request.amount)} — {PAYMENT_STATUS_NAMES[request.status] ?? request.status}
            {request.paidAt
              ? `, nộp lúc ${formatDateTime(request.paidAt)}`
              : `, hạn ${formatDateTime(request.expiresAt)}`}
            {request.deskMethod ? ` (${name(DESK_METHOD_NAMES, request.deskMethod)}` : ''}
            {request.deskReceiptNumber ? `, biên lai ${request.deskReceiptNumber})` : request.deskMethod ? ')' : ''}
            {request.status === 'paid' && (
              <>
                {' '}
                <button
                  type="button"
                  class="link"
                  onClick={() =>
                    openPdf(`/dossiers/${dossierId}/payments/${request.id}/receipt.pdf`).catch((error) =>
                      setOpenError(describeError(error)),
                    )
                  }
                >
                  In biên lai
                </button>
              </>
            )}
            <ul>
              {request.feeLines.map((line) => (
                <li key={line.code}>
                  {line.label}: {line.quantity} × {vnd(line.unitAmount)} = {vnd(line.amount)}
                  {line.exemption ? ` (miễn/giảm: ${line.exemption})` : ''}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {openError && (
        <p class="error" role="alert">
          {openError}
        </p>
      )}
      {desk && open && <DeskPaymentForm dossierId={dossierId} request={open} />}
    </section>
  );
}

/** Cash or bank transfer / POS at the counter, with the desk's receipt number; the amount must equal the request. */
function DeskPaymentForm({ dossierId, request }: { dossierId: string; request: PaymentRequest }) {
  const queries = useQueryClient();
  const [method, setMethod] = useState<'cash' | 'bank-transfer'>('cash');
  const [receiptNumber, setReceiptNumber] = useState('');
  const [amount, setAmount] = useState(String(request.amount));
  const pay = useMutation({
    mutationFn: () =>
      api<PaymentRequest>(`/dossiers/${dossierId}/payments/desk`, {
        method: 'POST',
        body: { method, receiptNumber: receiptNumber.trim(), amount: Number(amount) },
      }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['dossier', dossierId] }),
  });
  const failure = pay.error instanceof ApiError ? pay.error : null;
  const errorOf = (field: string) => failure?.fields[field];
  return (
    <form
      class="stack"
      noValidate
      aria-label="Thu phí tại quầy"
      onSubmit={(event) => {
        event.preventDefault();
        if (!pay.isPending) pay.mutate();
      }}
    >
      <h3>Thu phí tại quầy</h3>
      <div class="row">
        <div class="field">
          <label for="desk-payment-method">Hình thức</label>
          <select
            id="desk-payment-method"
            name="method"
            value={method}
            onChange={(event) => setMethod(event.currentTarget.value as typeof method)}
          >
            {Object.entries(DESK_METHOD_NAMES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Field
          label="Số biên lai"
          name="receiptNumber"
          required
          value={receiptNumber}
          error={errorOf('receiptNumber')}
          onInput={(event) => setReceiptNumber(event.currentTarget.value)}
        />
        <Field
          label="Số tiền (đồng)"
          name="amount"
          type="number"
          min={1}
          required
          value={amount}
          error={errorOf('amount')}
          onInput={(event) => setAmount(event.currentTarget.value)}
        />
      </div>
      {pay.error && !(failure && Object.keys(failure.fields).length > 0) && (
        <p class="error" role="alert">
          {describeError(pay.error)}
        </p>
      )}
      <div>
        <button type="submit" disabled={pay.isPending || !receiptNumber.trim()}>
          Ghi nhận đã thu {vnd(request.amount)}
        </button>
      </div>
    </form>
  );
}
