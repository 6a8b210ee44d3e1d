import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FeeLine } from '@motcua/domain';
import type { PaymentRefundRecord, PaymentRequestRecord } from '@motcua/persistence';

export class FeeLineDto {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'VND per unit' }) unitAmount: number;
  @ApiProperty({ description: 'VND' }) amount: number;
  @ApiPropertyOptional({ nullable: true, type: String }) exemption: string | null;

  static from(line: FeeLine): FeeLineDto {
    return Object.assign(new FeeLineDto(), line);
  }
}

export class PaymentRequestDto {
  @ApiProperty() id: string;
  @ApiProperty() issueNumber: number;
  @ApiProperty({ description: 'Gateway reference (vnp_TxnRef)' }) txnRef: string;
  @ApiProperty({ description: 'Whole VND' }) amount: number;
  @ApiProperty({ enum: ['pending', 'paid', 'expired', 'cancelled'] }) status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
  @ApiPropertyOptional({ nullable: true, enum: ['desk', 'online'] }) channel: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) paidAt: string | null;
  @ApiProperty({ description: 'Paid after the request expired (honoured, flagged)' }) latePayment: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) deskMethod: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) deskReceiptNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) gatewayTransactionNo: string | null;
  @ApiProperty({ type: [FeeLineDto] }) feeLines: FeeLineDto[];

  static from(request: PaymentRequestRecord, lines: FeeLine[]): PaymentRequestDto {
    return Object.assign(new PaymentRequestDto(), {
      id: request.id,
      issueNumber: request.issueNumber,
      txnRef: request.txnRef,
      amount: request.amount,
      status: request.status,
      createdAt: request.createdAt.toISOString(),
      expiresAt: request.expiresAt.toISOString(),
      channel: request.channel,
      paidAt: request.paidAt ? request.paidAt.toISOString() : null,
      latePayment: request.latePayment,
      deskMethod: request.deskMethod,
      deskReceiptNumber: request.deskReceiptNumber,
      gatewayTransactionNo: request.gatewayTransactionNo,
      feeLines: lines.map(FeeLineDto.from),
    });
  }
}

export class RefundDto {
  @ApiProperty() id: string;
  @ApiProperty() paymentRequestId: string;
  @ApiProperty({ description: 'Whole VND' }) amount: number;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['requested', 'confirmed', 'sending', 'refunded', 'failed'] }) status: string;
  @ApiProperty() requestedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) confirmedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) refundedAt: string | null;

  static from(refund: PaymentRefundRecord): RefundDto {
    return Object.assign(new RefundDto(), {
      id: refund.id,
      paymentRequestId: refund.paymentRequestId,
      amount: refund.amount,
      reason: refund.reason,
      status: refund.status,
      requestedAt: refund.requestedAt.toISOString(),
      confirmedAt: refund.confirmedAt ? refund.confirmedAt.toISOString() : null,
      refundedAt: refund.refundedAt ? refund.refundedAt.toISOString() : null,
    });
  }
}

export class DossierPaymentsDto {
  @ApiProperty({ type: [PaymentRequestDto] }) requests: PaymentRequestDto[];
  @ApiProperty({ type: [RefundDto] }) refunds: RefundDto[];
}

export class OnlinePaymentDto {
  @ApiProperty({ description: 'Where to send the payer (gateway payment page)' }) paymentUrl: string;
  @ApiProperty() txnRef: string;
  @ApiProperty({ description: 'Whole VND' }) amount: number;
  @ApiProperty() expiresAt: string;
}

/** E-receipt data (biên lai điện tử): what the PDF receipt prints. */
export class PaymentReceiptDto {
  @ApiProperty() receiptNumber: string;
  @ApiProperty() dossierCode: string;
  @ApiProperty() payerName: string;
  @ApiProperty() procedureCode: string;
  @ApiProperty() procedureName: string;
  @ApiProperty({ description: 'Whole VND' }) amount: number;
  @ApiProperty({ type: [FeeLineDto] }) feeLines: FeeLineDto[];
  @ApiProperty({ enum: ['desk', 'online'] }) channel: string;
  @ApiPropertyOptional({ nullable: true, type: String }) method: string | null;
  @ApiProperty() txnRef: string;
  @ApiPropertyOptional({ nullable: true, type: String }) transactionNumber: string | null;
  @ApiProperty() paidAt: string;
  @ApiProperty() agencyName: string;
}
