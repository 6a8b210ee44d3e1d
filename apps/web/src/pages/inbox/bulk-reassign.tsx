import { useMutation, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';

/**
 * Leads: reassign the selected steps to one officer. The API has no staff directory yet (issue of the
 * `security` engineer), so the officer is named by account id.
 */
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
      <Field
        label="Giao lại các bước đã chọn cho (mã tài khoản cán bộ)"
        name="userId"
        value={userId}
        onInput={(event) => setUserId(event.currentTarget.value)}
      />
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
