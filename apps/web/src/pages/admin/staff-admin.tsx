import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError, describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';
import { Pager, pageCount } from '../../ui/pager';

type StaffUser = Schema<'StaffUserResponseDto'>;
type OneTimePassword = Schema<'OneTimePasswordDto'>;

export const ROLE_NAMES: Record<string, string> = {
  desk_officer: 'Cán bộ một cửa',
  agency_officer: 'Chuyên viên',
  agency_lead: 'Lãnh đạo',
  supervisor: 'Giám sát',
  admin: 'Quản trị',
};

/** Staff accounts (admin): list with search, create (one-time password shown once), disable/enable, reset password. */
export function StaffAdmin() {
  const queries = useQueryClient();
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const [secret, setSecret] = useState<OneTimePassword | null>(null);
  const users = useQuery({
    queryKey: ['admin', 'users', filter, page],
    queryFn: () => api<Schema<'StaffUserPageDto'>>('/admin/users', { query: { search: filter, page, pageSize: 20 } }),
  });
  const act = useMutation({
    mutationFn: ({ user, action }: { user: StaffUser; action: 'disable' | 'enable' | 'reset-password' }) =>
      api<StaffUser | OneTimePassword>(`/admin/users/${user.id}/${action}`, { method: 'POST', body: {} }),
    onSuccess: (answer) => {
      if ('oneTimePassword' in answer) setSecret(answer);
      void queries.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  const data = users.data;
  return (
    <section class="stack" aria-labelledby="staff-title">
      <h2 id="staff-title">Tài khoản cán bộ</h2>
      <CreateStaffUser onCreated={setSecret} />
      {secret && (
        <p role="status" class="ok" data-one-time-password={secret.oneTimePassword}>
          Mật khẩu dùng một lần của <strong>{secret.user.username}</strong>: <code>{secret.oneTimePassword}</code> — chỉ
          hiện một lần; người dùng phải đổi mật khẩu khi đăng nhập.
        </p>
      )}
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(1);
          setFilter(search.trim());
        }}
      >
        <Field
          label="Tìm tài khoản (theo tên hoặc họ tên)"
          name="search"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
        <button type="submit" class="secondary">
          Tìm
        </button>
      </form>
      {users.isError && <p class="error">{describeError(users.error)}</p>}
      {act.isError && (
        <p class="error" role="alert">
          {describeError(act.error)}
        </p>
      )}
      {data && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Tài khoản cán bộ</caption>
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Họ tên</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Cơ quan</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((user) => (
                <tr key={user.id} data-username={user.username} data-active={String(user.active)}>
                  <td>{user.username}</td>
                  <td>{user.displayName}</td>
                  <td>{user.roles.map((role) => ROLE_NAMES[role] ?? role).join(', ')}</td>
                  <td>{user.agencyName}</td>
                  <td>
                    {user.active ? 'Đang hoạt động' : 'Đã khóa'}
                    {user.mustChangePassword ? ' · chờ đổi mật khẩu' : ''}
                  </td>
                  <td class="row">
                    <button
                      type="button"
                      class="secondary"
                      disabled={act.isPending}
                      aria-label={`${user.active ? 'Khóa' : 'Mở khóa'} tài khoản ${user.username}`}
                      onClick={() => act.mutate({ user, action: user.active ? 'disable' : 'enable' })}
                    >
                      {user.active ? 'Khóa' : 'Mở khóa'}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      disabled={act.isPending || !user.active}
                      aria-label={`Cấp lại mật khẩu cho ${user.username}`}
                      onClick={() => act.mutate({ user, action: 'reset-password' })}
                    >
                      Cấp lại mật khẩu
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} hasNext={page * data.pageSize < data.total} onPage={setPage}>
            Trang {data.page} / {pageCount(data)} ({data.total} tài khoản)
          </Pager>
        </div>
      )}
    </section>
  );
}

function CreateStaffUser({ onCreated }: { onCreated(answer: OneTimePassword): void }) {
  const queries = useQueryClient();
  const [form, setForm] = useState({ username: '', displayName: '', agencyId: '', roles: [] as string[] });
  const agencies = useQuery({
    queryKey: ['agencies', 'all'],
    queryFn: () => api<Schema<'AgencyPageDto'>>('/agencies', { query: { pageSize: 100 } }),
    staleTime: 300_000,
  });
  const create = useMutation({
    mutationFn: () => api<OneTimePassword>('/admin/users', { method: 'POST', body: form }),
    onSuccess: (answer) => {
      onCreated(answer);
      setForm({ username: '', displayName: '', agencyId: form.agencyId, roles: [] });
      void queries.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  const failure = create.error instanceof ApiError ? create.error : null;
  const errorOf = (field: string) => failure?.fields[field];
  const named = failure && Object.keys(failure.fields).length > 0;
  const toggle = (role: string, on: boolean) =>
    setForm({ ...form, roles: on ? [...form.roles, role] : form.roles.filter((item) => item !== role) });
  return (
    <form
      class="card stack"
      noValidate
      aria-label="Tạo tài khoản cán bộ"
      onSubmit={(event) => {
        event.preventDefault();
        if (!create.isPending) create.mutate();
      }}
    >
      <h3>Tạo tài khoản</h3>
      <div class="row">
        <Field
          label="Tên đăng nhập"
          name="username"
          required
          value={form.username}
          error={errorOf('username')}
          onInput={(event) => setForm({ ...form, username: event.currentTarget.value })}
        />
        <Field
          label="Họ tên"
          name="displayName"
          required
          value={form.displayName}
          error={errorOf('displayName')}
          onInput={(event) => setForm({ ...form, displayName: event.currentTarget.value })}
        />
        <div class={`field${errorOf('agencyId') ? ' field-invalid' : ''}`}>
          <label for="new-user-agency">Cơ quan</label>
          <select
            id="new-user-agency"
            name="agencyId"
            value={form.agencyId}
            onChange={(event) => setForm({ ...form, agencyId: event.currentTarget.value })}
          >
            <option value="">— Chọn cơ quan —</option>
            {agencies.data?.items.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name} ({agency.identifier})
              </option>
            ))}
          </select>
          {errorOf('agencyId') && <small class="field-error">{errorOf('agencyId')}</small>}
        </div>
      </div>
      <fieldset>
        <legend>Vai trò</legend>
        <div class="row">
          {Object.entries(ROLE_NAMES).map(([role, label]) => (
            <label key={role} style={{ fontWeight: 'normal' }}>
              <input
                type="checkbox"
                name="roles"
                checked={form.roles.includes(role)}
                onChange={(event) => toggle(role, event.currentTarget.checked)}
              />{' '}
              {label}
            </label>
          ))}
        </div>
        {errorOf('roles') && <small class="field-error">{errorOf('roles')}</small>}
      </fieldset>
      {create.error && !named && (
        <p class="error" role="alert">
          {describeError(create.error)}
        </p>
      )}
      <div>
        <button type="submit" disabled={create.isPending}>
          Tạo tài khoản
        </button>
      </div>
    </form>
  );
}
