import type { SandboxOrder } from '@motcua/integrations';

/**
 * The embedded sandbox's payment page: a small self-contained HTML page (no scripts, no external assets) in
 * Vietnamese, with one form whose two buttons pay or cancel. Should move into apps/web once that front end hosts
 * pages; the protocol side stays here.
 */
const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const formatVnd = (amount: number) => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
 body{font-family:system-ui,sans-serif;background:#f3f5f8;margin:0;padding:2rem;color:#1d2733}
 main{max-width:30rem;margin:auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 4px #0002}
 h1{font-size:1.25rem;margin-top:0} dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}
 dt{color:#5b6675} dd{margin:0;font-weight:600} .amount{font-size:1.4rem;color:#005baa}
 .actions{display:flex;gap:1rem;margin-top:1.5rem} button{flex:1;padding:.8rem;border:0;border-radius:6px;font-size:1rem;cursor:pointer}
 .pay{background:#005baa;color:#fff} .cancel{background:#e4e7ec} .note{color:#5b6675;font-size:.85rem;margin-top:1rem}
 .error{color:#b42318}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/** The page showing an order with "Thanh toán" and "Hủy giao dịch". `fields` are the signed pay-URL parameters. */
export function sandboxPayPage(order: SandboxOrder, fields: Record<string, string>, action: string): string {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('\n');
  return layout(
    'Cổng thanh toán VNPay (sandbox) — Thanh toán',
    `<h1>Cổng thanh toán VNPay — môi trường thử nghiệm</h1>
<dl>
 <dt>Mã giao dịch</dt><dd>${escape(order.txnRef)}</dd>
 <dt>Nội dung</dt><dd>${escape(order.orderInfo)}</dd>
 <dt>Số tiền</dt><dd class="amount">${formatVnd(order.amountVnd)}</dd>
 <dt>Hết hạn</dt><dd>${escape(order.expireDate)}</dd>
</dl>
<form method="post" action="${escape(action)}">
${hidden}
<div class="actions">
 <button class="pay" type="submit" name="outcome" value="pay">Thanh toán</button>
 <button class="cancel" type="submit" name="outcome" value="cancel">Hủy giao dịch</button>
</div>
</form>
<p class="note">Trang thử nghiệm của hệ thống một cửa: không có tiền thật được chuyển.</p>`,
  );
}

export function sandboxErrorPage(code: string, message: string, returnUrl?: string): string {
  return layout(
    'Cổng thanh toán VNPay (sandbox) — Lỗi',
    `<h1 class="error">Giao dịch không thực hiện được</h1>
<p>Mã lỗi <strong>${escape(code)}</strong>: ${escape(message)}</p>
${returnUrl ? `<p><a href="${escape(returnUrl)}">Quay lại trang của đơn vị</a></p>` : ''}`,
  );
}

/** The merchant's return page: shows the outcome only (the IPN is where state changes). */
export function paymentReturnPage(input: {
  verified: boolean;
  paid: boolean;
  txnRef: string | null;
  amountVnd: number | null;
  requestStatus: string | null;
  dossierCode: string | null;
}): string {
  const heading = !input.verified
    ? 'Không xác thực được kết quả thanh toán'
    : input.paid
      ? 'Giao dịch thanh toán thành công'
      : 'Giao dịch chưa được thanh toán';
  const statusLabel: Record<string, string> = {
    pending: 'Đang chờ thanh toán',
    paid: 'Đã ghi nhận thanh toán',
    expired: 'Yêu cầu thanh toán đã hết hạn',
    cancelled: 'Yêu cầu thanh toán đã hủy',
  };
  return layout(
    'Kết quả thanh toán',
    `<h1>${escape(heading)}</h1>
<dl>
 <dt>Mã giao dịch</dt><dd>${escape(input.txnRef ?? '—')}</dd>
 <dt>Hồ sơ</dt><dd>${escape(input.dossierCode ?? '—')}</dd>
 <dt>Số tiền</dt><dd>${input.amountVnd !== null ? formatVnd(input.amountVnd) : '—'}</dd>
 <dt>Trạng thái hồ sơ</dt><dd>${escape(input.requestStatus ? (statusLabel[input.requestStatus] ?? input.requestStatus) : '—')}</dd>
</dl>
<p class="note">Trạng thái được cập nhật khi cổng thanh toán gửi xác nhận (IPN) cho hệ thống; trang này chỉ hiển thị kết quả.</p>`,
  );
}
