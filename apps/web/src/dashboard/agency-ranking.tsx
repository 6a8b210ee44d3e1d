import { percent } from './dashboard-format';

export interface ReportRow {
  key: string;
  label: string;
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinTime: number; overdue: number };
}

/** Agencies ranked by their share of dossiers resolved early or on time (periodic-report convention). */
export function AgencyRanking({ rows }: { rows: ReportRow[] }) {
  const ranked = rows
    .map((row) => ({
      ...row,
      rate: row.resolved.total > 0 ? (row.resolved.early + row.resolved.onTime) / row.resolved.total : null,
    }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.resolved.total - a.resolved.total);
  if (ranked.length === 0) return <p>Chưa có số liệu.</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Xếp hạng cơ quan theo tỷ lệ đúng hạn</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Cơ quan</th>
            <th scope="col">Đã giải quyết</th>
            <th scope="col">Đúng/trước hạn</th>
            <th scope="col">Đang quá hạn</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((row, index) => (
            <tr key={row.key} data-agency={row.label}>
              <td>{index + 1}</td>
              <td>{row.label}</td>
              <td>{row.resolved.total}</td>
              <td>{percent(row.rate)}</td>
              <td>{row.inProgress.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
