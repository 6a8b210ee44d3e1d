import { keepPreviousData, useQuery } from '@tanstack/preact-query';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';

export type Procedure = Schema<'ProcedureResponseDto'>;

/** Search by code or name (accents optional: "cap giay" finds "Cấp giấy"), then pick one with the arrow keys. */
export function ProcedurePicker({
  agencyId,
  selected,
  onSelect,
  error,
}: {
  agencyId: string;
  selected: Procedure | null;
  onSelect(procedure: Procedure): void;
  error?: string;
}) {
  const search$ = useFocusOnMount<HTMLInputElement>();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const procedures = useQuery({
    queryKey: ['procedures', agencyId, search],
    // Keep the list (and the focus in it) while the next search loads.
    placeholderData: keepPreviousData,
    queryFn: () =>
      api<Schema<'ProcedurePageDto'>>('/procedures', {
        query: { search: search || undefined, receivingAgencyId: agencyId, active: true, pageSize: 8 },
      }),
  });

  return (
    <fieldset>
      <legend>1. Thủ tục</legend>
      <div class="field">
        <label for="procedure-search">Tìm thủ tục theo mã hoặc tên</label>
        <input
          id="procedure-search"
          type="search"
          value={text}
          ref={search$}
          autoComplete="off"
          aria-describedby={error ? 'procedure-error' : undefined}
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </div>
      {procedures.isError && <p class="error">{describeError(procedures.error)}</p>}
      <div
        role="radiogroup"
        aria-label="Kết quả tìm thủ tục"
        class="stack"
        style={{ gap: '0.25rem', marginTop: '0.5rem' }}
      >
        {procedures.data?.items.map((procedure) => (
          <label key={procedure.id} style={{ fontWeight: 'normal' }}>
            <input
              type="radio"
              name="procedure"
              value={procedure.id}
              checked={selected?.id === procedure.id}
              onChange={() => onSelect(procedure)}
            />{' '}
            <strong>{procedure.code}</strong> — {procedure.name}
          </label>
        ))}
        {procedures.data && procedures.data.items.length === 0 && <p>Không có thủ tục nào khớp.</p>}
      </div>
      {error && (
        <p id="procedure-error" class="field-error" data-field-error="procedureId">
          {error}
        </p>
      )}
    </fieldset>
  );
}
