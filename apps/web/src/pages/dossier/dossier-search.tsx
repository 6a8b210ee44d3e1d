import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError, describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { BASE } from '../../base';
import { Field } from '../../ui/field';
import { Pager } from '../../ui/pager';
import { DOSSIER_STATUS_NAMES, formatDateTime, name } from '../../ui/labels';

type Criteria = {
  name: string;
  code: string;
  identityNumber: string;
  phone: string;
  status: string;
  receivedFrom: string;
  receivedTo: string;
};
const EMPTY: Criteria = {
  name: '',
  code: '',
  identityNumber: '',
  phone: '',
  status: '',
  receivedFrom: '',
  receivedTo: '',
};

/** A local date (Hà Nội) as the instant its day starts or ends. */
const dayStart = (date: string) => (date ? `${date}T00:00:00+07:00` : undefined);
const dayEnd = (date: string) => (date ? `${date}T23:59:59.999+07:00` : undefined);

/**
 * Search within my scope (GET /search/dossiers: desk officers, supervisors, admins): applicant name without
 * accents ("nguyen van a" finds "Nguyễn Văn Á"), code prefix, identity number, phone, status, received dates.
 */
export function DossierSearch() {
  const [form, setForm] = useState<Criteria>(EMPTY);
  const [criteria, setCriteria] = useState<Criteria | null>(null);
  const [page, setPage] = useState(1);
  const search = useQuery({
    queryKey: ['search', criteria, page],
    enabled: criteria !== null,
    queryFn: () =>
      api<Schema<'DossierSearchPageDto'>>('/search/dossiers', {
        query: {
          name: criteria!.name,
          code: criteria!.code,
          identityNumber: criteria!.identityNumber,
          phone: criteria!.phone,
          status: criteria!.status,
          receivedFrom: dayStart(criteria!.receivedFrom),
          receivedTo: dayEnd(criteria!.receivedTo),
          page,
          pageSize: 20,
        },
      }),
  });
  const failure = search.error instanceof ApiError ? search.error : null;
  const errorOf = (field: string) => failure?.fields[field];
  const set = (key: keyof Criteria) => (event: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: event.currentTarget.value });
  const data = search.data;
  return (
    <>
      <form
        class="stack"
        noValidate
        aria-label="Tìm hồ sơ"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(1);
          setCriteria(Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()])) as Criteria);
        }}
      >
        <div class="row">
          <Field
            label="Tên người nộp (gõ không dấu được)"
            name="name"
            value={form.name}
            error={errorOf('name')}
            onInput={set('name')}
          />
          <Field
            label="Mã hồ sơ (đầu mã)"
            name="code"
            value={form.code}
            error={errorOf('code')}
            onInput={set('code')}
          />
          <Field
            label="Số CCCD/CMND"
            name="identityNumber"
            inputMode="numeric"
            value={form.identityNumber}
            error={errorOf('identityNumber')}
            onInput={set('identityNumber')}
          />
          <Field
            label="Số điện thoại"
            name="phone"
            value={form.phone}
            error={errorOf('phone')}
            onInput={set('phone')}
          />
        </div>
        <div class="row">
          <div class="field">
            <label for="search-status">Trạng thái</label>
            <select id="search-status" name="status" value={form.status} onChange={set('status')}>
              <option value="">Tất cả</option>
              {Object.entries(DOSSIER_STATUS_NAMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Tiếp nhận từ ngày"
            name="receivedFrom"
            type="date"
            value={form.receivedFrom}
            onInput={set('receivedFrom')}
          />
          <Field label="đến ngày" name="receivedTo" type="date" value={form.receivedTo} onInput={set('receivedTo')} />
          <button type="submit">Tìm</button>
        </div>
      </form>
      {search.isError && !(failure && Object.keys(failure.fields).length > 0) && (
        <p class="error" role="alert">
          {describeError(search.error)}
        </p>
      )}
      {data && data.items.length === 0 && <p role="status">Không tìm thấy hồ sơ nào.</p>}
      {data && data.items.length > 0 && (
        <div class="table-wrap" style={{ marginTop: '1rem' }}>
          <table>
            <caption class="visually-hidden">Kết quả tìm hồ sơ</caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Người nộp</th>
                <th scope="col">Thủ tục</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Tiếp nhận</th>
                <th scope="col">Hẹn trả</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((hit) => (
                <tr key={hit.id} data-dossier-code={hit.code}>
                  <td>
                    <a href={`${BASE}/dossiers/${hit.id}`}>{hit.code}</a>
                  </td>
                  <td>{hit.applicantName}</td>
                  <td>
                    {hit.procedureCode} — {hit.procedureName}
                  </td>
                  <td>{name(DOSSIER_STATUS_NAMES, hit.status)}</td>
                  <td>{formatDateTime(hit.receivedAt)}</td>
                  <td>{formatDateTime(hit.appointmentAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} hasNext={data.hasMore} onPage={setPage}>
            Trang {data.page}
          </Pager>
        </div>
      )}
    </>
  );
}
