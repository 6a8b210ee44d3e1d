import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { BASE } from '../../base';
import { Field } from '../../ui/field';
import { Pager, pageCount } from '../../ui/pager';
import { DOSSIER_STATUS_NAMES, formatDateTime, name } from '../../ui/labels';
import { useSession } from '../../session/session';
import { DossierSearch } from './dossier-search';

/** Dossier search: desk officers, supervisors and admins search their scope; agency staff list their agency's. */
export default function DossierListPage() {
  const { hasRole } = useSession();
  if (hasRole('desk_officer', 'supervisor', 'admin')) {
    return (
      <main id="main" class="page">
        <h1>Tra cứu hồ sơ</h1>
        <DossierSearch />
      </main>
    );
  }
  return <DossierList />;
}

/** Dossiers of my agency (scope-filtered by the API), by code prefix or applicant name, newest first. */
function DossierList() {
  const [code, setCode] = useState('');
  const [applicantName, setApplicantName] = useState('');
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState({ code: '', applicantName: '' });
  const dossiers = useQuery({
    queryKey: ['dossiers', filter, page],
    queryFn: () => api<Schema<'DossierPageDto'>>('/dossiers', { query: { ...filter, page, pageSize: 20 } }),
  });
  const data = dossiers.data;
  return (
    <main id="main" class="page">
      <h1>Tra cứu hồ sơ</h1>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(1);
          setFilter({ code: code.trim(), applicantName: applicantName.trim() });
        }}
      >
        <Field
          label="Mã hồ sơ (đầu mã)"
          name="code"
          value={code}
          onInput={(event) => setCode(event.currentTarget.value)}
        />
        <Field
          label="Tên người nộp"
          name="applicantName"
          value={applicantName}
          onInput={(event) => setApplicantName(event.currentTarget.value)}
        />
        <button type="submit">Tìm</button>
      </form>
      {dossiers.isError && <p class="error">{describeError(dossiers.error)}</p>}
      {data && (
        <div class="table-wrap" style={{ marginTop: '1rem' }}>
          <table>
            <caption class="visually-hidden">Danh sách hồ sơ</caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Người nộp</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Tiếp nhận</th>
                <th scope="col">Hẹn trả</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((dossier) => (
                <tr key={dossier.id}>
                  <td>
                    <a href={`${BASE}/dossiers/${dossier.id}`}>{dossier.code}</a>
                  </td>
                  <td>{dossier.applicantName}</td>
                  <td>{name(DOSSIER_STATUS_NAMES, dossier.status)}</td>
                  <td>{formatDateTime(dossier.receivedAt)}</td>
                  <td>{formatDateTime(dossier.appointmentAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} hasNext={page * data.pageSize < data.total} onPage={setPage}>
            Trang {data.page} / {pageCount(data)} ({data.total} hồ sơ)
          </Pager>
        </div>
      )}
    </main>
  );
}
