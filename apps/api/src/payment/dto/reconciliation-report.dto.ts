import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ReconciliationReportQueryDto {
  @ApiProperty({ description: 'Local date (Asia/Ho_Chi_Minh), YYYY-MM-DD', example: '2026-01-05' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be a date YYYY-MM-DD' })
  date: string;
}

export class AgencyReconciliationDto {
  @ApiProperty() agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ description: 'Requests opened that day' }) requestedCount: number;
  @ApiProperty({ description: 'VND expected from requests opened that day' }) requestedAmount: number;
  @ApiProperty({ description: 'Payments settled that day' }) settledCount: number;
  @ApiProperty({ description: 'VND settled that day' }) settledAmount: number;
  @ApiProperty() settledOnlineCount: number;
  @ApiProperty() settledOnlineAmount: number;
  @ApiProperty() settledDeskCount: number;
  @ApiProperty() settledDeskAmount: number;
  @ApiProperty({ description: 'Settled by the reconciliation job (QueryDR) rather than an IPN' })
  settledByQueryCount: number;
  @ApiProperty({ description: 'Payments received after their request expired' }) latePaymentCount: number;
  @ApiProperty({ description: 'Requests that expired that day' }) expiredCount: number;
  @ApiProperty({ description: 'Requests opened that day still pending' }) pendingCount: number;
  @ApiProperty({ description: 'VND refunded that day' }) refundedAmount: number;
}

export class ReconciliationReportDto {
  @ApiProperty() date: string;
  @ApiProperty({ type: [AgencyReconciliationDto] }) agencies: AgencyReconciliationDto[];
}
