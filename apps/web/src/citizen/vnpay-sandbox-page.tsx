import { useEffect, useState } from 'preact/hooks';
import { formatVnd } from './citizen-api';
import './citizen.css';

/** The order behind a pay URL, as the sandbox gateway checked it (`GET /sandbox/vnpay/pay-page`). */
interface PayPage {
  order: { txnRef: string; orderInfo: string; amountVnd: number; expireDate: string };
  fields: Record<string, string>;
  action: string;
}
interface Refusal {
  code: string;
  message: string;
  returnUrl?: string;
}

/** VNPay's yyyyMMddHHmmss (Vietnam time) as "HH:mm dd/MM/yyyy". */
const formatVnpayDate = (value: string) =>
  /^\d{14}$/.test(value)
    ? `${value.slice(8, 10)}:${value.slice(10, 12)} ${value.slice(6, 8)}/${value.slice(4, 6)}/${value.slice(0, 4)}`
    : value;

/**
 * The embedded VNPay sandbox's payment page (public: it stands for the gateway's own page). The pay URL brings the
 * payer here with the signed parameters; the page shows the checked order and posts "pay" or "cancel" back to the
 * gateway, which notifies the merchant (IPN) and sends the browser to the merchant's return URL.
 */
export default function VnpaySandboxPage() {
  const [page, setPage] = useState<PayPage | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void fetch(`/sandbox/vnpay/pay-page${window.location.search}`, { headers: { accept: 'application/json' } })
      .then(async (response) => {
        const body = await response.json();
        if (response.ok) setPage(body as PayPage);
        else setRefusal(body as Refusal);
      })
      .catch(() => setRefusal({ code: '99', message: 'Không kết nối được cổng thanh toán. Vui lòng thử lại.' }));
  }, []);

  const choose = async (outcome: 'pay' | 'cancel') => {
    if (!page) return;
    setBusy(true);
    try {
      const response = await fetch(page.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ ...page.fields, outcome }),
      });
      const body = await response.json();
      if (response.ok && typeof body.redirect === 'string') {
        window.location.assign(body.redirect);
        return;
      }
      setRefusal(body as Refusal);
    } catch {
      setRefusal({ code: '99', message: 'Không kết nối được cổng thanh toán. Vui lòng thử lại.' });
    }
    setBusy(false);
  };

  return (
    <main id="main" class="page citizen-page">
      <h1>Cổng thanh toán VNPay — môi trường thử nghiệm</h1>
      {!page && !refusal && <p role="status">Đang tải giao dịch…</p>}
      {refusal && (
        <section class="card" role="alert">
          <h2 class="error">Giao dịch không thực hiện được</h2>
          <p>
            Mã lỗi <strong>{refusal.code}</strong>: {refusal.message}
          </p>
          {refusal.returnUrl && (
            <p>
              <a href={refusal.returnUrl}>Quay lại trang của đơn vị</a>
            </p>
          )}
        </section>
      )}
      {page && !refusal && (
        <section class="card stack" aria-label="Giao dịch">
          <dl class="citizen-facts">
            <dt>Mã giao dịch</dt>
            <dd>{page.order.txnRef}</dd>
            <dt>Nội dung</dt>
            <dd>{page.order.orderInfo}</dd>
            <dt>Số tiền</dt>
            <dd>
              <strong>{formatVnd(page.order.amountVnd)}</strong>
            </dd>
            <dt>Hết hạn</dt>
            <dd>{formatVnpayDate(page.order.expireDate)}</dd>
          </dl>
          <button type="button" disabled={busy} onClick={() => void choose('pay')}>
            Thanh toán
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => void choose('cancel')}>
            Hủy giao dịch
          </button>
          <p class="hint">Trang thử nghiệm của hệ thống một cửa: không có tiền thật được chuyển.</p>
        </section>
      )}
    </main>
  );
}
