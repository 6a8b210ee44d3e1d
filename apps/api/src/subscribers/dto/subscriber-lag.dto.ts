import { ApiProperty } from '@nestjs/swagger';
import type { EventSubscriberLag } from '@motcua/persistence';

/** One event subscriber's cursor and lag. */
export class SubscriberLagDto {
  @ApiProperty({ example: 'notifications' }) name: string;
  @ApiProperty({ type: [String], nullable: true, description: 'Event types it applies; null: every type' })
  eventTypes: string[] | null;
  @ApiProperty({ description: 'Cursor: tx_order of the last event passed (xid8, decimal)' }) positionTx: string;
  @ApiProperty({ description: 'Cursor: id of the last event passed' }) positionEventId: string;
  @ApiProperty({ description: 'Events after the cursor it has not applied yet' }) pendingEvents: number;
  @ApiProperty({ nullable: true, type: String, description: 'When the oldest pending event was written' })
  oldestPendingAt: string | null;
  @ApiProperty({ description: 'Age of the oldest pending event in milliseconds (0 when none)' })
  oldestPendingAgeMs: number;
  @ApiProperty() appliedCount: number;
  @ApiProperty({ nullable: true, type: String }) appliedAt: string | null;
  @ApiProperty({ description: 'Failed batches in a row (retried with backoff)' }) failureCount: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) lastErrorAt: string | null;

  static from(lag: EventSubscriberLag): SubscriberLagDto {
    return {
      name: lag.name,
      eventTypes: lag.eventTypes,
      positionTx: lag.position.tx,
      positionEventId: lag.position.eventId,
      pendingEvents: lag.pendingEvents,
      oldestPendingAt: lag.oldestPendingAt?.toISOString() ?? null,
      oldestPendingAgeMs: lag.oldestPendingAgeMs,
      appliedCount: lag.appliedCount,
      appliedAt: lag.appliedAt?.toISOString() ?? null,
      failureCount: lag.failureCount,
      lastError: lag.lastError,
      lastErrorAt: lag.lastErrorAt?.toISOString() ?? null,
    };
  }
}

/** Every registered subscriber (a short list fixed by code, one row per subscriber class: not paged). */
export class SubscriberLagListDto {
  @ApiProperty({ type: [SubscriberLagDto] }) items: SubscriberLagDto[];
  @ApiProperty() total: number;
}
