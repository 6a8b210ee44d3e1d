import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { describeError } from '../api/api-error';
import type { Schema } from '../api/types';
import { BASE } from '../base';
import { CHANNEL_NAMES, formatDateTime } from '../ui/labels';

type LatePage = Schema<'LateCasePageDto'>;

/** Late or near-due dossiers with filters (channel on the server, code or procedure in the page) and drill-down. */
export function LateTable({ path, title, id }: { path: string; title: string; id: string }) {
  const [channel, setChannel] = useState('');
  const [search, setSearch] = useState('');
  const list = useQuery({
    queryKey: ['dashboard', path, channel],
    queryFn: () => api<LatePage>(path, { query: { limit: 50, channel: channel || undefined } }),
  });
  const needle = search.trim().toLowerCase();
  const rows = (list.data?.items ?? []).filter(
    (row) => !needle || row.code.toLowerCase().includes(needle) || row.procedureCode.includes(needle),
  );
  return (
    <section class="card" aria-labelledby={`${id}-title`} data-list={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div class="row">
        <label class="field">
          Kênh
          <select value={channel} onChange={(event) => setChannel((event.target as HTMLSelectElement).value)}>
            <option value="">Tất cả</option>
            {Object.entries(CHANNEL_NAMES).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          Tìm mã hồ sơ / thủ tục
          <input value={search} onInput={(event) => setSearch((event.target as HTMLInputElement).value)} />
        </label>
      </div>
      {list.isError && <p class="error">{describeError(list.error)}</p>}
      {list.isPending ? (
        <p>Đang tải…</p>
      ) : rows.length === 0 ? (
        <p>Không có hồ sơ.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Thủ tục</th>
                <th scope="col">Kênh</th>
                <th scope="col">Hẹn trả</th>
                <th scope="col">{id === 'late' ? 'Quá hạn' : 'Còn lại'}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.dossierId} data-dossier-code={row.code}>
                  <td>
                    <a href={`${BASE}/dossiers/${row.dossierId}`}>{row.code}</a>
                  </td>
                  <td>{row.procedureCode}</td>
                  <td>{CHANNEL_NAMES[row.channel] ?? row.channel}</td>
                  <td>{formatDateTime(row.appointmentAt)}</td>
                  <td>{Math.abs(Math.round(row.lateByMinutes / 60))} giờ</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
