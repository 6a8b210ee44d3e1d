import { useMutation, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { StaffPicker } from '../../ui/staff-picker';

/** Leads: reassign the selected steps to one officer of the agency (picked from the staff directory). */
export function BulkReassign({ stepIds, onDone }: { stepIds: string[]; onDone(): void }) {
  const queries = useQueryClient();
  const [userId, setUserId] = useState('');
  const reassign = useMutation({
    mutationFn: () =>
      api<Array<Schema<'BulkReassignResultDto'>>>('/inbox/steps/bulk-reassign', {
        method: 'POST',
        body: { stepTaskIds: stepIds, userId },
      }),
    onSuccess: () => {
      onDone();
      void queries.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
  const failed = reassign.data?.filter((result) => !result.ok) ?? [];
  return (
    <form
      class="card row"
      style={{ marginTop: '1rem' }}
      onSubmit={(event) => {
        event.preventDefault();
        reassign.mutate();
      }}
    >
      <StaffPicker label="Giao lại các bước đã chọn cho" value={userId} onChange={setUserId} />
      <button type="submit" disabled={stepIds.length === 0 || !userId || reassign.isPending}>
        Giao lại {stepIds.length} bước
      </button>
      {reassign.isError && <p class="error">{describeError(reassign.error)}</p>}
      {reassign.isSuccess && (
        <p role="status">
          Đã giao lại {reassign.data.length - failed.length}/{reassign.data.length} bước.
        </p>
      )}
    </form>
  );
}
