import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';
import { Pager } from '../../ui/pager';
import { formatDateTime } from '../../ui/labels';

type Procedure = Schema<'ProcedureResponseDto'>;
type Definition = Schema<'ProcessDefinitionResponseDto'>;

function Definitions({ procedure }: { procedure: Procedure }) {
  const queries = useQueryClient();
  const [shown, setShown] = useState<string | null>(null);
  const definitions = useQuery({
    queryKey: ['process-definitions', procedure.id],
    queryFn: () => api<Definition[]>('/process-definitions', { query: { procedureId: procedure.id } }),
  });
  const publish = useMutation({
    mutationFn: (id: string) => api<Definition>(`/process-definitions/${id}/publish`, { method: 'POST' }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['process-definitions', procedure.id] }),
  });
  return (
    <section class="card" aria-labelledby="definitions-title">
      <h3 id="definitions-title">
        Quy trình của {procedure.code} — {procedure.name}
      </h3>
      {definitions.isError && <p class="error">{describeError(definitions.error)}</p>}
      {publish.isError && (
        <p class="error" role="alert">
          {describeError(publish.error)}
        </p>
      )}
      <ul>
        {definitions.data?.map((definition) => (
          <li key={definition.id}>
            Phiên bản {definition.version} —{' '}
            {definition.status === 'published' ? `đã ban hành ${formatDateTime(definition.publishedAt)}` : 'bản nháp'}{' '}
            <button
              type="button"
              class="secondary"
              onClick={() => setShown(shown === definition.id ? null : definition.id)}
            >
              {shown === definition.id ? 'Ẩn' : 'Xem'}{' '}
              <span class="visually-hidden">phiên bản {definition.version}</span>
            </button>{' '}
            {definition.status === 'draft' && (
              <button type="button" onClick={() => publish.mutate(definition.id)} disabled={publish.isPending}>
                Ban hành <span class="visually-hidden">phiên bản {definition.version}</span>
              </button>
            )}
            {shown === definition.id && (
              <pre style={{ whiteSpace: 'pre-wrap', maxHeight: '24rem', overflow: 'auto' }}>
                {JSON.stringify(definition.document, null, 2)}
              </pre>
            )}
          </li>
        ))}
        {definitions.data?.length === 0 && <li>Chưa có quy trình.</li>}
      </ul>
    </section>
  );
}

/** The procedure catalog (search, paginate), and for the chosen procedure its process definitions. */
export function ProcedureAdmin() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<Procedure | null>(null);
  const procedures = useQuery({
    queryKey: ['procedures', 'admin', search, page],
    queryFn: () =>
      api<Schema<'ProcedurePageDto'>>('/procedures', { query: { search: search || undefined, page, pageSize: 20 } }),
  });
  const data = procedures.data;
  return (
    <div class="stack">
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(1);
          setSearch(text.trim());
        }}
      >
        <Field
          label="Tìm thủ tục (mã hoặc tên)"
          name="procedure-search"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit">Tìm</button>
      </form>
      {procedures.isError && <p class="error">{describeError(procedures.error)}</p>}
      {data && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Danh mục thủ tục</caption>
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên thủ tục</th>
                <th scope="col">Lĩnh vực</th>
                <th scope="col">Thời hạn</th>
                <th scope="col">Hiệu lực</th>
                <th scope="col">Quy trình</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((procedure) => (
                <tr key={procedure.id}>
                  <td>{procedure.code}</td>
                  <td>{procedure.name}</td>
                  <td>{procedure.field}</td>
                  <td>
                    {procedure.legalTimeValue} {procedure.legalTimeUnit}
                  </td>
                  <td>{procedure.active ? 'Đang áp dụng' : 'Ngừng'}</td>
                  <td>
                    <button type="button" class="secondary" onClick={() => setChosen(procedure)}>
                      Xem quy trình <span class="visually-hidden">{procedure.code}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} hasNext={page * data.pageSize < data.total} onPage={setPage}>
            {data.total} thủ tục ·
          </Pager>
        </div>
      )}
      {chosen && <Definitions procedure={chosen} />}
    </div>
  );
}
