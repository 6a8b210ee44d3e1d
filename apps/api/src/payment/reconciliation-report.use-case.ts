import { Inject, Injectable } from '@nestjs/common';
import { atVietnamTime } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { scopeCondition } from '../identity/scope';
import { AgencyReconciliationDto, ReconciliationReportDto } from './dto/reconciliation-report.dto';

/** Daily reconciliation per agency (expected vs settled), local day in Asia/Ho_Chi_Minh, within the actor's scope. */
@Injectable()
export class ReconciliationReportUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async report(actor: Actor, date: string): Promise<ReconciliationReportDto> {
    const scope = scopeCondition(actor, 'a.id');
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `WITH day AS (SELECT ${atVietnamTime('CAST(CAST(:date AS date) AS timestamp)')} AS from_at,
                           ${atVietnamTime('CAST(CAST(:date AS date) + 1 AS timestamp)')} AS to_at)
       SELECT a.id AS agency_id, a.name AS agency_name,
         count(*) FILTER (WHERE r.created_at >= day.from_at AND r.created_at < day.to_at)::int AS requested_count,
         coalesce(sum(r.amount) FILTER (WHERE r.created_at >= day.from_at AND r.created_at < day.to_at), 0) AS requested_amount,
         count(*) FILTER (WHERE r.status = 'paid' AND r.paid_at >= day.from_at AND r.paid_at < day.to_at)::int AS settled_count,
         coalesce(sum(r.amount) FILTER (WHERE r.status = 'paid' AND r.paid_at >= day.from_at AND r.paid_at < day.to_at), 0) AS settled_amount,
         count(*) FILTER (WHERE r.status = 'paid' AND r.channel = 'online' AND r.paid_at >= day.from_at AND r.paid_at < day.to_at)::int AS settled_online_count,
         coalesce(sum(r.amount) FILTER (WHERE r.status = 'paid' AND r.channel = 'online' AND r.paid_at >= day.from_at AND r.paid_at < day.to_at), 0) AS settled_online_amount,
         count(*) FILTER (WHERE r.status = 'paid' AND r.channel = 'desk' AND r.paid_at >= day.from_at AND r.paid_at < day.to_at)::int AS settled_desk_count,
         coalesce(sum(r.amount) FILTER (WHERE r.status = 'paid' AND r.channel = 'desk' AND r.paid_at >= day.from_at AND r.paid_at < day.to_at), 0) AS settled_desk_amount,
         count(*) FILTER (WHERE r.settled_by = 'querydr' AND r.paid_at >= day.from_at AND r.paid_at < day.to_at)::int AS settled_by_query_count,
         count(*) FILTER (WHERE r.late_payment AND r.paid_at >= day.from_at AND r.paid_at < day.to_at)::int AS late_payment_count,
         count(*) FILTER (WHERE r.status = 'expired' AND r.ended_at >= day.from_at AND r.ended_at < day.to_at)::int AS expired_count,
         count(*) FILTER (WHERE r.status = 'pending' AND r.created_at >= day.from_at AND r.created_at < day.to_at)::int AS pending_count,
         coalesce((SELECT sum(f.amount) FROM payment_refund f JOIN payment_request fr ON fr.id = f.payment_request_id
                   WHERE fr.agency_id = a.id AND f.status = 'refunded' AND f.refunded_at >= day.from_at AND f.refunded_at < day.to_at), 0) AS refunded_amount
       FROM payment_request r JOIN agency a ON a.id = r.agency_id CROSS JOIN day
       WHERE ${scope.sql}
         AND ((r.created_at >= day.from_at AND r.created_at < day.to_at) OR (r.paid_at >= day.from_at AND r.paid_at < day.to_at)
              OR (r.ended_at >= day.from_at AND r.ended_at < day.to_at))
       GROUP BY a.id, a.name, day.from_at, day.to_at
       ORDER BY a.name`,
      { ...scope.parameters, date },
      {},
    );
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(sql, parameters);
    return {
      date,
      agencies: rows.map((row): AgencyReconciliationDto => ({
        agencyId: String(row.agency_id),
        agencyName: String(row.agency_name),
        requestedCount: Number(row.requested_count),
        requestedAmount: Number(row.requested_amount),
        settledCount: Number(row.settled_count),
        settledAmount: Number(row.settled_amount),
        settledOnlineCount: Number(row.settled_online_count),
        settledOnlineAmount: Number(row.settled_online_amount),
        settledDeskCount: Number(row.settled_desk_count),
        settledDeskAmount: Number(row.settled_desk_amount),
        settledByQueryCount: Number(row.settled_by_query_count),
        latePaymentCount: Number(row.late_payment_count),
        expiredCount: Number(row.expired_count),
        pendingCount: Number(row.pending_count),
        refundedAmount: Number(row.refunded_amount),
      })),
    };
  }
}
