import { useQueries, useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api, downloadFile } from '../api/client';
import { describeError } from '../api/api-error';
import { useSession } from '../session/session';
import { AgencyRanking, ReportRow } from './agency-ranking';
import { IndicatorsResponse, isoDay, lastMonths, monthStart } from './dashboard-format';
import { IndicatorTiles } from './indicator-tiles';
import { LateTable } from './late-table';
import { TrendChart } from './trend-chart';

const TREND_INDICATORS = ['onTime', 'online', 'onlinePayment', 'electronicHandover'];

/**
 * Issue 15: the supervisors' dashboard — indicator tiles against targets, six months of trends, agencies ranked by
 * on-time rate, late and near-due lists with filters and drill-down, exports of the report and the facts.
 */
export default function DashboardPage() {
  const { hasRole } = useSession();
  const today = new Date();
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(isoDay(today));
  const [message, setMessage] = useState<string | null>(null);
  const period = { from, to };
  const indicators = useQuery({
    queryKey: ['indicators', from, to],
    queryFn: () => api<IndicatorsResponse>('/indicators', { query: period }),
  });
  const months = lastMonths(to, 6);
  const trends = useQueries({
    queries: months.map((month) => ({
      queryKey: ['indicators', month.from, month.to],
      queryFn: () => api<IndicatorsResponse>('/indicators', { query: { from: month.from, to: month.to } }),
    })),
  });
  const ranking = useQuery({
    queryKey: ['report', 'agency', from, to],
    queryFn: () => api<{ rows: ReportRow[] }>('/reports/resolution', { query: { ...period, groupBy: 'agency' } }),
  });
  const exportFile = (path: string, query: Record<string, string>, name: string) =>
    downloadFile(path, { ...period, ...query }, name).then(
      () => setMessage(`Đã tải ${name}`),
      (error) => setMessage(describeError(error)),
    );
  const series = TREND_INDICATORS.map((id) => ({
    id,
    values: trends.map((trend) => trend.data?.indicators.find((value) => value.id === id)?.value ?? null),
  }));

  return (
    <main id="main" class="page stack dashboard">
      <h1>Bảng điều hành</h1>
      <form class="row" aria-label="Kỳ báo cáo" onSubmit={(event) => event.preventDefault()}>
        <label class="field">
          Từ ngày
          <input type="date" name="from" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          Đến ngày
          <input type="date" name="to" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <button
          type="button"
          class="secondary"
          onClick={() => exportFile('/reports/resolution', { format: 'xlsx' }, `bao-cao-${from}-${to}.xlsx`)}
        >
          Xuất báo cáo (XLSX)
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => exportFile('/reports/resolution', { format: 'csv' }, `bao-cao-${from}-${to}.csv`)}
        >
          Xuất báo cáo (CSV)
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => exportFile('/reports/dossier-facts', { format: 'csv' }, `du-lieu-ho-so-${from}-${to}.csv`)}
        >
          Xuất dữ liệu hồ sơ (CSV)
        </button>
      </form>
      {message && <p role="status">{message}</p>}
      <section class="card" aria-labelledby="tiles-title">
        <h2 id="tiles-title">Chỉ số so với chỉ tiêu</h2>
        {indicators.isError && <p class="error">{describeError(indicators.error)}</p>}
        {indicators.isPending ? (
          <p>Đang tải…</p>
        ) : (
          indicators.data && <IndicatorTiles indicators={indicators.data.indicators} />
        )}
      </section>
      <section class="card" aria-labelledby="trend-title">
        <h2 id="trend-title">Xu hướng 6 tháng</h2>
        {trends.some((trend) => trend.isPending) ? (
          <p>Đang tải…</p>
        ) : (
          <TrendChart labels={months.map((month) => month.label)} series={series} />
        )}
      </section>
      <section class="card" aria-labelledby="ranking-title">
        <h2 id="ranking-title">Xếp hạng cơ quan theo tỷ lệ đúng hạn</h2>
        {ranking.isError && <p class="error">{describeError(ranking.error)}</p>}
        {ranking.data && <AgencyRanking rows={ranking.data.rows} />}
      </section>
      {hasRole('supervisor') && (
        <>
          <LateTable path="/supervision/late-dossiers" title="Hồ sơ quá hạn" id="late" />
          <LateTable path="/supervision/near-due-dossiers" title="Hồ sơ sắp đến hạn" id="near-due" />
        </>
      )}
    </main>
  );
}
