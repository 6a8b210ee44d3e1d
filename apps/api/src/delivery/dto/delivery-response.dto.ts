import { ApiProperty } from '@nestjs/swagger';
import type {
  DeliveryRecord,
  PostalTrackingEventRecord,
  ReturnChannelChoice,
  UncollectedResult,
} from '@motcua/persistence';

export class TrackingEventDto {
  @ApiProperty() status: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ description: 'false for a late or out-of-order report that changed nothing' }) applied: boolean;
  @ApiProperty({ nullable: true, type: String }) note: string | null;

  static from(event: PostalTrackingEventRecord): TrackingEventDto {
    return {
      status: event.status,
      occurredAt: event.occurredAt.toISOString(),
      receivedAt: event.receivedAt.toISOString(),
      applied: event.applied,
      note: event.note,
    };
  }
}

/** A dossier's return: the chosen channel and, once the result is ready, the delivery with its times. */
export class DeliveryResponseDto {
  @ApiProperty({ enum: ['desk', 'online', 'postal'] }) returnChannel: string;
  @ApiProperty({ description: 'whether the channel can still change (until the result is ready)' })
  returnChannelChangeable: boolean;
  @ApiProperty({ nullable: true, enum: ['awaiting-pickup', 'awaiting-download', 'shipping', 'delivered', 'cancelled'] })
  status: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the channel the delivery uses (a returned postal item: desk)',
  })
  deliveryChannel: string | null;
  @ApiProperty({ nullable: true, type: String }) readyAt: string | null;
  @ApiProperty({ nullable: true, type: String }) dispatchedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) handedToName: string | null;
  @ApiProperty({ nullable: true, type: String }) handedToIdentityDocument: string | null;
  @ApiProperty({ nullable: true, type: String }) carrier: string | null;
  @ApiProperty({ nullable: true, type: String }) trackingNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) shipmentStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) postalFallbackReason: string | null;
  @ApiProperty({ type: [TrackingEventDto] }) tracking: TrackingEventDto[];

  static from(
    returnChannel: ReturnChannelChoice['channel'],
    changeable: boolean,
    delivery: DeliveryRecord | null,
    tracking: PostalTrackingEventRecord[],
  ): DeliveryResponseDto {
    const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;
    return {
      returnChannel,
      returnChannelChangeable: changeable,
      status: delivery?.status ?? null,
      deliveryChannel: delivery?.channel ?? null,
      readyAt: iso(delivery?.readyAt),
      dispatchedAt: iso(delivery?.dispatchedAt),
      deliveredAt: iso(delivery?.deliveredAt),
      handedToName: delivery?.handedToName ?? null,
      handedToIdentityDocument: delivery?.handedToIdentityDocument ?? null,
      carrier: delivery?.carrier ?? null,
      trackingNumber: delivery?.trackingNumber ?? null,
      shipmentStatus: delivery?.shipmentStatus ?? null,
      postalFallbackReason: delivery?.postalFallbackReason ?? null,
      tracking: tracking.map(TrackingEventDto.from),
    };
  }
}

export class UncollectedResultDto {
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty() dossierCode: string;
  @ApiProperty() applicantName: string;
  @ApiProperty() phone: string;
  @ApiProperty() procedureName: string;
  @ApiProperty() readyAt: string;
  @ApiProperty({ description: 'whole days since the result was ready' }) ageDays: number;
  @ApiProperty({ description: 'hours since the result was ready' }) ageHours: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'set when a postal delivery failed and the item came back',
  })
  postalFallbackReason: string | null;

  static from(row: UncollectedResult, now: Date): UncollectedResultDto {
    const hours = Math.max(0, (now.getTime() - row.readyAt.getTime()) / 3_600_000);
    return {
      ...row,
      readyAt: row.readyAt.toISOString(),
      ageDays: Math.floor(hours / 24),
      ageHours: Math.floor(hours),
    };
  }
}

export class UncollectedPageDto {
  @ApiProperty({ type: [UncollectedResultDto] }) items: UncollectedResultDto[];
  @ApiProperty({ description: 'results waiting at the desk in scope, all pages' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
