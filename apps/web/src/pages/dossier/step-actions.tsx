import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { StaffPicker } from '../../ui/staff-picker';
import { formatDateTime, name, STEP_OUTCOME_NAMES, STEP_STATUS_NAMES } from '../../ui/labels';

type Step = Schema<'StepTaskResponseDto'>;
type Outcome = Schema<'CompleteStepDto'>['outcome'];

/** One step of the dossier in my agency: claim, assign (leads), complete with an outcome or ask for a supplement. */
export function StepActions({ stepId, lead }: { stepId: string; lead: boolean }) {
  const queries = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>('approve');
  const [comment, setComment] = useState('');
  const [assignee, setAssignee] = useState('');
  const step = useQuery({ queryKey: ['inbox', 'step', stepId], queryFn: () => api<Step>(`/inbox/steps/${stepId}`) });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, unknown> }) =>
      api<Step>(`/inbox/steps/${stepId}/${path}`, { method: 'POST', body: { ...body, version: step.data?.version } }),
    onSuccess: (updated) => {
      queries.setQueryData(['inbox', 'step', stepId], updated);
      void queries.invalidateQueries({ queryKey: ['inbox'] });
      void queries.invalidateQueries({ queryKey: ['dossier'] });
    },
  });
  if (step.isPending) return <p>Đang tải bước xử lý…</p>;
  if (step.isError) return <p class="error">{describeError(step.error)}</p>;
  const current = step.data;
  const done = current.status === 'completed';
  // The return step at the desk: completing it records that the result was handed to the applicant.
  const delivery = current.kind === 'delivery';
  const outcomes = delivery ? { approve: 'Đã trả kết quả cho người nộp' } : STEP_OUTCOME_NAMES;
  return (
    <section class="card" aria-labelledby="step-title" data-step-status={current.status}>
      <h2 id="step-title">Bước {current.stepId}</h2>
      <p>
        {name(STEP_STATUS_NAMES, current.status)} · hạn {formatDateTime(current.deadlineAt)}
        {current.outcome ? ` · kết quả: ${name(STEP_OUTCOME_NAMES, current.outcome)}` : ''}
      </p>
      {act.isError && (
        <p class="error" role="alert">
          {describeError(act.error)}
        </p>
      )}
      {act.isSuccess && act.variables.path === 'assign' && (
        <p role="status" class="ok" data-assigned-user={current.assignedUserId ?? ''}>
          Đã giao việc.
        </p>
      )}
      {act.isSuccess && done && (
        <p role="status" class="ok">
          Đã hoàn thành bước.
        </p>
      )}
      {!done && (
        <div class="stack">
          {current.status === 'open' && (
            <div>
              <button type="button" onClick={() => act.mutate({ path: 'claim', body: {} })} disabled={act.isPending}>
                Nhận xử lý
              </button>
            </div>
          )}
          <form
            class="stack"
            onSubmit={(event) => {
              event.preventDefault();
              act.mutate({ path: 'complete', body: { outcome, comment: comment || undefined } });
            }}
          >
            <div class="field">
              <label for="step-outcome">Kết quả xử lý</label>
              <select
                id="step-outcome"
                value={outcome}
                onChange={(event) => setOutcome(event.currentTarget.value as Outcome)}
              >
                {Object.entries(outcomes).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="step-comment">
                Ý kiến {outcome === 'request-supplement' ? '(giấy tờ cần bổ sung và lý do)' : '(không bắt buộc)'}
              </label>
              <textarea id="step-comment" value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
            </div>
            <div>
              <button type="submit" disabled={act.isPending}>
                {delivery ? 'Ghi nhận đã trả kết quả' : 'Hoàn thành bước'}
              </button>
            </div>
          </form>
          {lead && (
            <form
              class="row"
              onSubmit={(event) => {
                event.preventDefault();
                act.mutate({ path: 'assign', body: { userId: assignee } });
              }}
            >
              <StaffPicker label="Giao cho cán bộ" value={assignee} onChange={setAssignee} />
              <button type="submit" class="secondary" disabled={!assignee || act.isPending}>
                Giao việc
              </button>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
