import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { BASE } from '../../base';
import { formatDateTime } from '../../ui/labels';
import { Pager } from '../../ui/pager';

/**
 * The return desk: results ready at the desk but not collected, oldest first, with their ages (a postal item that
 * came back is listed with why). Each row opens the dossier, where the hand-over (and payment) is recorded.
 */
export default function ReturnDeskPage() {
  const [page, setPage] = useState(1);
  const uncollected = useQuery({
    queryKey: ['uncollected', page],
    queryFn: () => api<Schema<'UncollectedPageDto'>>('/delivery/uncollected', { query: { page, pageSize: 20 } }),
  });
  const data = uncollected.data;
  const hasNext = data ? data.page * data.pageSize < data.total : false;
  return (
    <main id="main" class="page">
      <h1>Trả kết quả</h1>
      <p>Kết quả đã có tại bộ phận một cửa, người nộp chưa đến nhận (cũ nhất trước).</p>
      {uncollected.isError && <p class="error">{describeError(uncollected.error)}</p>}
      {data && data.items.length === 0 && <p role="status">Không có kết quả nào đang chờ trả.</p>}
      {data && data.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Kết quả chờ trả</caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Người nộp</th>
                <th scope="col">Điện thoại</th>
                <th scope="col">Thủ tục</th>
                <th scope="col">Có kết quả từ</th>
                <th scope="col">Đã chờ</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.dossierId} data-dossier-code={item.dossierCode}>
                  <td>
                    <a href={`${BASE}/dossiers/${item.dossierId}`}>{item.dossierCode}</a>
                  </td>
                  <td>{item.applicantName}</td>
                  <td>{item.phone}</td>
                  <td>{item.procedureName}</td>
                  <td>{formatDateTime(item.readyAt)}</td>
                  <td>
                    {item.ageDays > 0 ? `${item.ageDays} ngày` : `${item.ageHours} giờ`}
                    {item.postalFallbackReason ? ` (bưu chính chuyển hoàn: ${item.postalFallbackReason})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && (page > 1 || hasNext) && (
        <Pager page={page} hasNext={hasNext} onPage={setPage}>
          Trang {data.page}
        </Pager>
      )}
    </main>
  );
}
