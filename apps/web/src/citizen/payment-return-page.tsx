import { useEffect, useState } from 'preact/hooks';
import type { Schema } from '../api/types';
import { BASE } from '../base';
import { formatVnd } from './citizen-api';
import './citizen.css';

type Outcome = Schema<'PaymentReturnOutcomeDto'>;

const REQUEST_STATUS_NAMES: Record<string, string> = {
  pending: 'Đang chờ thanh toán',
  paid: 'Đã ghi nhận thanh toán',
  expired: 'Yêu cầu thanh toán đã hết hạn',
  cancelled: 'Yêu cầu thanh toán đã hủy',
};

/**
 * Where the payer lands after the gateway (public): the gateway's answer, verified by its signature, and the fee
 * request as recorded. It only shows: the payment is recorded when the gateway confirms it to the system (IPN).
 */
export default function PaymentReturnPage() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    void fetch(`/payments/vnpay/return/outcome${window.location.search}`, { headers: { accept: 'application/json' } })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        setOutcome((await response.json()) as Outcome);
      })
      .catch(() => setFailed(true));
  }, []);

  const heading = !outcome
    ? 'Kết quả thanh toán'
    : !outcome.verified
      ? 'Không xác thực được kết quả thanh toán'
      : outcome.paid
        ? 'Giao dịch thanh toán thành công'
        : 'Giao dịch chưa được thanh toán';
  return (
    <main id="main" class="page citizen-page">
      <h1>{heading}</h1>
      {!outcome && !failed && <p role="status">Đang tải kết quả…</p>}
      {failed && <p class="error">Không tải được kết quả thanh toán. Vui lòng tra cứu hồ sơ để xem trạng thái.</p>}
      {outcome && (
        <section class="card stack" aria-label="Kết quả thanh toán">
          <dl class="citizen-facts">
            <dt>Mã giao dịch</dt>
            <dd>{outcome.txnRef ?? '—'}</dd>
            <dt>Hồ sơ</dt>
            <dd>{outcome.dossierCode ?? '—'}</dd>
            <dt>Số tiền</dt>
            <dd>{outcome.amountVnd !== null ? formatVnd(outcome.amountVnd) : '—'}</dd>
            <dt>Trạng thái hồ sơ</dt>
            <dd data-request-status={outcome.requestStatus ?? ''}>
              {outcome.requestStatus ? (REQUEST_STATUS_NAMES[outcome.requestStatus] ?? outcome.requestStatus) : '—'}
            </dd>
          </dl>
          <p class="hint">
            Trạng thái được cập nhật khi cổng thanh toán gửi xác nhận cho hệ thống; trang này chỉ hiển thị kết quả.
          </p>
        </section>
      )}
      <p>
        <a href={`${BASE}/tra-cuu${outcome?.dossierCode ? `?code=${encodeURIComponent(outcome.dossierCode)}` : ''}`}>
          Tra cứu hồ sơ
        </a>
      </p>
    </main>
  );
}
