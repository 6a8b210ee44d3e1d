import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { DossierPaymentsUseCase } from './dossier-payments.use-case';
import { DeskPaymentDto } from './dto/desk-payment.dto';
import { DossierPaymentsDto, PaymentReceiptDto, PaymentRequestDto, RefundDto } from './dto/payment-response.dto';

@ApiTags('payments')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown, or outside the caller’s scope' })
@Controller()
export class DossierPaymentsController {
  constructor(private readonly payments: DossierPaymentsUseCase) {}

  @Get('dossiers/:id/payments')
  @Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Payment requests (with fee lines, integer VND) and refunds of a dossier' })
  @ApiOkResponse({ type: DossierPaymentsDto })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DossierPaymentsDto> {
    return this.payments.list(actor, id);
  }

  @Post('dossiers/:id/payments/desk')
  @HttpCode(201)
  @Roles('desk_officer')
  @ApiOperation({
    summary:
      'Record a payment taken at the desk (cash or bank transfer, receipt number) on the open request; the dossier continues',
  })
  @ApiCreatedResponse({ type: PaymentRequestDto })
  @ApiConflictResponse({ description: 'No open request, expired (re-issue first), or receipt number already used' })
  desk(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeskPaymentDto,
  ): Promise<PaymentRequestDto> {
    return this.payments.desk(actor, id, body);
  }

  @Post('dossiers/:id/payments/reissue')
  @HttpCode(201)
  @Roles('desk_officer')
  @ApiOperation({ summary: 'Re-issue an expired payment request (new gateway reference, same amount)' })
  @ApiCreatedResponse({ type: PaymentRequestDto })
  @ApiConflictResponse({ description: 'The latest request is not expired, or the payment step is closed' })
  reissue(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PaymentRequestDto> {
    return this.payments.reissue(actor, id);
  }

  @Get('dossiers/:id/payments/:requestId/receipt')
  @Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin')
  @ApiOperation({ summary: 'E-receipt data (biên lai điện tử) of a paid request' })
  @ApiOkResponse({ type: PaymentReceiptDto })
  receipt(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
  ): Promise<PaymentReceiptDto> {
    return this.payments.receipt(actor, id, requestId);
  }

  @Get('dossiers/:id/payments/:requestId/receipt.pdf')
  @Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin')
  @Header('Content-Type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Fee receipt (biên lai thu phí, lệ phí) as PDF, amounts from the ledger' })
  async receiptPdf(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.payments.receiptPdf(actor, id, requestId));
  }

  @Post('payments/refunds/:refundId/confirm')
  @HttpCode(200)
  @Roles('desk_officer', 'agency_lead', 'supervisor')
  @ApiOperation({
    summary: 'Confirm a refund (after refusal/withdrawal or a late payment): online refunds go to the gateway once',
  })
  @ApiOkResponse({ type: RefundDto })
  @ApiConflictResponse({ description: 'Already confirmed or refunded' })
  confirmRefund(@CurrentActor() actor: Actor, @Param('refundId', ParseUUIDPipe) refundId: string): Promise<RefundDto> {
    return this.payments.confirmRefund(actor, refundId);
  }
}
