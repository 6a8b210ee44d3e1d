import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import { useSession } from '../../session/session';
import { GenericTable } from '../../ui/generic-table';

type Rows = Array<Record<string, unknown>>;

function rowsOf(data: unknown): Rows {
  if (Array.isArray(data)) return data as Rows;
  const items = (data as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items as Rows) : [];
}

function DeadlineList({ path, title }: { path: string; title: string }) {
  const list = useQuery({
    queryKey: ['supervision', path],
    queryFn: () => api<unknown>(path, { query: { limit: 50 } }),
  });
  return (
    <section class="card" aria-label={title}>
      <h2>{title}</h2>
      {list.isError ? (
        <p class="error">{describeError(list.error)}</p>
      ) : list.isPending ? (
        <p>Đang tải…</p>
      ) : (
        <GenericTable rows={rowsOf(list.data)} caption={title} />
      )}
    </section>
  );
}

function DeadLetters() {
  const queries = useQueryClient();
  const letters = useQuery({
    queryKey: ['supervision', 'dead-letters'],
    queryFn: () => api<{ items: Rows }>('/supervision/dead-letters', { query: { limit: 50 } }),
  });
  const retry = useMutation({
    mutationFn: (id: string) => api(`/supervision/dead-letters/${id}/retry`, { method: 'POST' }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['supervision', 'dead-letters'] }),
  });
  const rows = letters.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="dead-letters-title">
      <h2 id="dead-letters-title">Bước chuyển tiếp lỗi (dead letters)</h2>
      {letters.isError && <p class="error">{describeError(letters.error)}</p>}
      {retry.isError && (
        <p class="error" role="alert">
          {describeError(retry.error)}
        </p>
      )}
      {rows.length === 0 && letters.isSuccess && <p>Không có bước lỗi.</p>}
      <ul>
        {rows.map((row) => (
          <li key={String(row.id)}>
            {String(row.dossierCode ?? row.dossierId ?? '')} — {String(row.stepId ?? '')}{' '}
            {row.lastError ? `(${String(row.lastError)})` : ''}{' '}
            <button
              type="button"
              class="secondary"
              disabled={retry.isPending}
              onClick={() => retry.mutate(String(row.id))}
            >
              Thử lại <span class="visually-hidden">{String(row.id)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Supervisors: late and near-due dossiers, dead letters with retry. (Late lists are supervisor-only in the
 * API; admins see the dead letters.) The indicators dashboard (issue #15) is not here yet.
 */
export default function SupervisorPage() {
  const { hasRole } = useSession();
  return (
    <main id="main" class="page stack">
      <h1>Giám sát</h1>
      {hasRole('supervisor') && (
        <>
          <DeadlineList path="/supervision/late-dossiers" title="Hồ sơ quá hạn" />
          <DeadlineList path="/supervision/near-due-dossiers" title="Hồ sơ sắp đến hạn (24 giờ)" />
        </>
      )}
      <DeadLetters />
    </main>
  );
}
