import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { BASE } from '../../base';
import { useSession } from '../../session/session';
import { formatDateTime, name, STEP_STATUS_NAMES } from '../../ui/labels';
import { BulkReassign } from './bulk-reassign';

type Step = Schema<'StepTaskResponseDto'>;
type Filter = 'all' | 'due-soon' | 'late' | 'mine' | 'unclaimed';

const FILTERS: Array<[Filter, string]> = [
  ['all', 'Tất cả'],
  ['due-soon', 'Sắp đến hạn (24 giờ)'],
  ['late', 'Quá hạn'],
  ['mine', 'Của tôi'],
  ['unclaimed', 'Chưa ai nhận'],
];

function queryOf(filter: Filter): Record<string, string | undefined> {
  const now = Date.now();
  switch (filter) {
    case 'due-soon':
      return { deadlineBefore: new Date(now + 24 * 3600_000).toISOString() };
    case 'late':
      return { deadlineBefore: new Date(now).toISOString() };
    case 'mine':
      return { assigned: 'me' };
    case 'unclaimed':
      return { status: 'open' };
    default:
      return {};
  }
}

export function deadlineBadge(step: Pick<Step, 'deadlineAt'>) {
  const left = new Date(step.deadlineAt).getTime() - Date.now();
  if (left < 0) return <span class="badge late">Quá hạn</span>;
  if (left < 24 * 3600_000) return <span class="badge soon">Sắp đến hạn</span>;
  return null;
}

/** My agency's steps, soonest deadline first, with filters; claim here, open to act. */
export default function InboxPage() {
  const { hasRole } = useSession();
  const queries = useQueryClient();
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const steps = useInfiniteQuery({
    queryKey: ['inbox', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<Schema<'InboxPageDto'>>('/inbox/steps', { query: { ...queryOf(filter), cursor: pageParam, limit: 50 } }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const claim = useMutation({
    mutationFn: (step: Step) =>
      api<Step>(`/inbox/steps/${step.id}/claim`, { method: 'POST', body: { version: step.version } }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['inbox'] }),
    onError: (failure) => setError(describeError(failure)),
  });
  const rows = steps.data?.pages.flatMap((page) => page.items) ?? [];
  const lead = hasRole('agency_lead');

  return (
    <main id="main" class="page">
      <h1>Hồ sơ cần xử lý</h1>
      <div role="radiogroup" aria-label="Lọc danh sách" class="row" style={{ marginBottom: '0.75rem' }}>
        {FILTERS.map(([value, label]) => (
          <label key={value} style={{ fontWeight: 'normal' }}>
            <input
              type="radio"
              name="inbox-filter"
              value={value}
              checked={filter === value}
              onChange={() => setFilter(value)}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {steps.isError && <p class="error">{describeError(steps.error)}</p>}
      {steps.isPending ? (
        <p>Đang tải…</p>
      ) : rows.length === 0 ? (
        <p>Không có bước xử lý nào.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Các bước xử lý của cơ quan</caption>
            <thead>
              <tr>
                {lead && <th scope="col">Chọn</th>}
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Bước</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Hạn xử lý</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((step) => (
                <tr key={step.id} data-step-id={step.id} data-dossier-code={step.dossierCode}>
                  {lead && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Chọn ${step.dossierCode ?? step.id}`}
                        checked={selected.includes(step.id)}
                        onChange={(event) =>
                          setSelected((list) =>
                            event.currentTarget.checked ? [...list, step.id] : list.filter((id) => id !== step.id),
                          )
                        }
                      />
                    </td>
                  )}
                  <td>
                    <a href={`${BASE}/dossiers/${step.dossierId}?step=${step.id}`}>
                      {step.dossierCode ?? step.dossierId}
                    </a>
                  </td>
                  <td>{step.stepId}</td>
                  <td>
                    {name(STEP_STATUS_NAMES, step.status)}
                    {step.assignedUserId ? ' (đã giao)' : ''}
                  </td>
                  <td>
                    {formatDateTime(step.deadlineAt)} {deadlineBadge(step)}
                  </td>
                  <td>
                    {step.status === 'open' && (
                      <button
                        type="button"
                        class="secondary"
                        disabled={claim.isPending}
                        onClick={() => claim.mutate(step)}
                      >
                        Nhận xử lý <span class="visually-hidden">{step.dossierCode}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {steps.hasNextPage && (
        <button
          type="button"
          class="secondary"
          onClick={() => void steps.fetchNextPage()}
          disabled={steps.isFetchingNextPage}
        >
          Xem thêm
        </button>
      )}
      {lead && <BulkReassign stepIds={selected} onDone={() => setSelected([])} />}
    </main>
  );
}
