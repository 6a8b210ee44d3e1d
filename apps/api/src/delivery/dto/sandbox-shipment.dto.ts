import { ApiProperty } from '@nestjs/swagger';
import { canAdvanceShipment, SHIPMENT_STATUSES, ShipmentStatus } from '@motcua/domain';
import type { SandboxShipment } from '@motcua/integrations';
import { IsIn } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsOptional } from '../../common/validation';

/** `GET /sandbox/postal/shipments`: the sandbox carrier's shipments, optionally of one status. */
export class SandboxShipmentQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, enum: SHIPMENT_STATUSES })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES, { message: `$property must be one of ${SHIPMENT_STATUSES.join(', ')}` })
  status?: ShipmentStatus;
}

export class SandboxScanDto {
  @ApiProperty({ enum: SHIPMENT_STATUSES }) status: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

/** One shipment as the carrier's desk sees it, with the scans it may record next. */
export class SandboxShipmentDto {
  @ApiProperty({ example: 'RR000000001VN' }) trackingNumber: string;
  @ApiProperty({ enum: SHIPMENT_STATUSES }) status: string;
  @ApiProperty({ example: 'Kết quả hồ sơ 000.00.12.H62-261126-0001' }) itemDescription: string;
  @ApiProperty() receiverName: string;
  @ApiProperty() receiverAddress: string;
  @ApiProperty() receiverPhone: string;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
  @ApiProperty({ type: [SandboxScanDto] }) history: SandboxScanDto[];
  @ApiProperty({ enum: SHIPMENT_STATUSES, isArray: true, description: 'the scans allowed from the current status' })
  nextScans: string[];

  static from(shipment: SandboxShipment): SandboxShipmentDto {
    return {
      trackingNumber: shipment.trackingNumber,
      status: shipment.status,
      itemDescription: shipment.order.itemDescription,
      receiverName: shipment.order.receiver.name,
      receiverAddress: shipment.order.receiver.address,
      receiverPhone: shipment.order.receiver.phone,
      updatedAt: shipment.updatedAt ?? null,
      history: shipment.history.map(({ status, occurredAt, reason }) => ({ status, occurredAt, reason })),
      nextScans: SHIPMENT_STATUSES.filter((status) => canAdvanceShipment(shipment.status, status)),
    };
  }
}

export class SandboxShipmentPageDto {
  @ApiProperty({ type: [SandboxShipmentDto] }) items: SandboxShipmentDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
