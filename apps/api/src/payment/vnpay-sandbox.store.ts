import { SandboxStore, SandboxTransaction } from '@motcua/integrations';
import { DataSource } from 'typeorm';

/** The embedded sandbox gateway's own records (what it was paid and refunded), in its own tables. */
export class VnpaySandboxStore implements SandboxStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(tmnCode: string, txnRef: string): Promise<SandboxTransaction | null> {
    const [row] = await this.dataSource.query(
      `SELECT * FROM vnpay_sandbox_transaction WHERE tmn_code = $1 AND txn_ref = $2`,
      [tmnCode, txnRef],
    );
    if (!row) return null;
    return {
      tmnCode: row.tmn_code,
      txnRef: row.txn_ref,
      amount: row.amount,
      orderInfo: row.order_info,
      orderCreateDate: row.order_create_date,
      transactionStatus: row.transaction_status,
      transactionNo: row.transaction_no,
      bankCode: row.bank_code,
      payDate: row.pay_date,
      refunded: Number(row.refunded),
    };
  }

  async addRefund(
    tmnCode: string,
    txnRef: string,
    requestId: string,
    amount: number,
  ): Promise<'recorded' | 'duplicate'> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO vnpay_sandbox_refund (tmn_code, request_id, txn_ref, amount) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING request_id`,
        [tmnCode, requestId, txnRef, amount],
      );
      if (inserted.length === 0) return 'duplicate';
      await manager.query(
        `UPDATE vnpay_sandbox_transaction SET refunded = refunded + $3 WHERE tmn_code = $1 AND txn_ref = $2`,
        [tmnCode, txnRef, amount],
      );
      return 'recorded';
    });
  }

  async nextTransactionNo(): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT nextval('vnpay_sandbox_transaction_no') AS no`);
    return String(row.no);
  }

  /**
   * Records the payer's choice for a reference. A reference already paid cannot be paid again ('duplicate'); a
   * cancelled attempt may be followed by another.
   */
  async recordOutcome(transaction: Omit<SandboxTransaction, 'refunded'>): Promise<'recorded' | 'duplicate'> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO vnpay_sandbox_transaction (tmn_code, txn_ref, amount, order_info, order_create_date,
         transaction_status, transaction_no, bank_code, pay_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tmn_code, txn_ref) DO UPDATE SET amount = EXCLUDED.amount, order_info = EXCLUDED.order_info,
         order_create_date = EXCLUDED.order_create_date, transaction_status = EXCLUDED.transaction_status,
         transaction_no = EXCLUDED.transaction_no, bank_code = EXCLUDED.bank_code, pay_date = EXCLUDED.pay_date
       WHERE vnpay_sandbox_transaction.transaction_status <> '00'
       RETURNING txn_ref`,
      [
        transaction.tmnCode,
        transaction.txnRef,
        transaction.amount,
        transaction.orderInfo,
        transaction.orderCreateDate,
        transaction.transactionStatus,
        transaction.transactionNo,
        transaction.bankCode,
        transaction.payDate,
      ],
    );
    return rows.length > 0 ? 'recorded' : 'duplicate';
  }
}
