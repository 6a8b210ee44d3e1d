import type { FormApplicant, FormCommonData, FormProcedure, FormSignatory } from './form-common';
import { FormDocument } from './form-document';
import { formatDateTime } from './form-format';

/** One fee line of the receipt; amounts are whole VND. */
export interface PaymentReceiptLine {
  label: string;
  quantity: number;
  unitAmount: number;
  amount: number;
  exemption?: string | null;
}

/** Data for the fee receipt (biên lai thu phí, lệ phí), printed from the payment ledger. */
export interface PaymentReceiptFormData extends FormCommonData {
  /** Receipt number: the desk's receipt number, or the e-receipt number of an online payment. */
  receiptNumber: string;
  payer: FormApplicant;
  procedure: FormProcedure;
  lines: PaymentReceiptLine[];
  /** Whole VND; must equal the sum of the lines. */
  total: number;
  paidAt: Date;
  /** 'desk' (cash or transfer at the desk) or 'online' (gateway). */
  channel: 'desk' | 'online';
  method?: string | null;
  /** Gateway transaction number (vnp_TransactionNo) or the gateway reference. */
  transactionNumber?: string | null;
  txnRef: string;
  collector?: FormSignatory;
}

/** "1.234.567" */
export function formatVndNumber(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new Error(`not a whole VND amount: ${amount}`);
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** The fee receipt, A5, Vietnamese. */
export async function renderPaymentReceiptForm(data: PaymentReceiptFormData): Promise<Buffer> {
  const sum = data.lines.reduce((total, line) => total + line.amount, 0);
  if (sum !== data.total) throw new Error(`receipt lines sum to ${sum} VND, total says ${data.total}`);
  const form = await FormDocument.create(
    'payment-receipt',
    { ...data, documentNumber: data.receiptNumber },
    data.paidAt,
  );
  form.header();
  await form.titleBlock([`Số biên lai: ${data.receiptNumber}`]);
  form.field('Người nộp', data.payer.name);
  form.field('Địa chỉ', data.payer.address);
  form.field('Thủ tục', data.procedure.code ? `${data.procedure.name} (${data.procedure.code})` : data.procedure.name);
  form.table(
    [
      { header: 'Nội dung thu', weight: 4 },
      { header: 'Số lượng', weight: 1.2, align: 'right' },
      { header: 'Đơn giá (đồng)', weight: 2, align: 'right' },
      { header: 'Thành tiền (đồng)', weight: 2, align: 'right' },
    ],
    data.lines.map((line) => [
      line.exemption ? `${line.label} (miễn: ${line.exemption})` : line.label,
      String(line.quantity),
      formatVndNumber(line.unitAmount),
      formatVndNumber(line.amount),
    ]),
  );
  form.field('Tổng số tiền', `${formatVndNumber(data.total)} đồng`);
  form.field(
    'Hình thức nộp',
    data.channel === 'online'
      ? 'Trực tuyến qua cổng thanh toán'
      : data.method === 'bank-transfer'
        ? 'Chuyển khoản tại Bộ phận Một cửa'
        : 'Tiền mặt tại Bộ phận Một cửa',
  );
  form.field('Mã giao dịch', data.transactionNumber ?? data.txnRef);
  form.field('Thời điểm nộp', formatDateTime(data.paidAt));
  form.signatures([
    { title: 'NGƯỜI NỘP TIỀN', hint: '(Ký, ghi rõ họ tên)', name: data.payer.name },
    {
      title: data.collector?.title ?? 'NGƯỜI THU TIỀN',
      hint: data.channel === 'online' ? '(Biên lai điện tử)' : '(Ký, ghi rõ họ tên)',
      name: data.collector?.name,
    },
  ]);
  return form.finish();
}
