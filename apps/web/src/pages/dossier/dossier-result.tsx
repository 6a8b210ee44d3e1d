import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api, openPdf } from '../../api/client';
import { ApiError, describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';
import { formatDateTime, VIETNAM_TIME_ZONE } from '../../ui/labels';
import { formatBytes } from './dossier-documents';

type Result = Schema<'ResultResponseDto'>;

export const RESULT_KIND_NAMES: Record<string, string> = {
  decision: 'Quyết định',
  certificate: 'Giấy chứng nhận',
  licence: 'Giấy phép',
  confirmation: 'Văn bản xác nhận',
  'refusal-notice': 'Văn bản từ chối',
  other: 'Khác',
};

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: VIETNAM_TIME_ZONE });

/** The result record, read by the desk, leads and supervisors (404 until attached). */
export function DossierResult({ dossierId }: { dossierId: string }) {
  const [openError, setOpenError] = useState<string | null>(null);
  const result = useQuery({
    queryKey: ['dossier', dossierId, 'result'],
    queryFn: () => api<Result>(`/dossiers/${dossierId}/result`),
    retry: false,
  });
  if (result.isPending) return null;
  const missing = result.error instanceof ApiError && result.error.status === 404;
  return (
    <section class="card" aria-labelledby="result-title">
      <h2 id="result-title">Kết quả giải quyết</h2>
      {missing && <p>Chưa có kết quả.</p>}
      {result.isError && !missing && <p class="error">{describeError(result.error)}</p>}
      {result.data && <ResultSummary result={result.data} />}
      {result.data && (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            openPdf(`/dossiers/${dossierId}/result/file`).catch((error) => setOpenError(describeError(error)))
          }
        >
          Mở tệp kết quả
        </button>
      )}
      {openError && (
        <p class="error" role="alert">
          {openError}
        </p>
      )}
    </section>
  );
}

function ResultSummary({ result }: { result: Result }) {
  return (
    <dl class="grid" data-result-decision={result.decisionNumber}>
      <div>
        <dt>Số văn bản</dt>
        <dd>{result.decisionNumber}</dd>
      </div>
      <div>
        <dt>Loại</dt>
        <dd>{RESULT_KIND_NAMES[result.kind] ?? result.kind}</dd>
      </div>
      <div>
        <dt>Ngày ký / người ký</dt>
        <dd>
          {result.issuedOn} / {result.signer}
        </dd>
      </div>
      <div>
        <dt>Tệp</dt>
        <dd>
          {result.fileName} ({formatBytes(result.sizeBytes)}
          {result.digitized ? ', bản điện tử' : ''}), đính kèm {formatDateTime(result.attachedAt)}
        </dd>
      </div>
    </dl>
  );
}

/**
 * The agency officer attaches the result (decision number, kind, date, signer, electronic file) from the open last
 * processing step; the API answers 409 when this agency's open step is not the last one, 4xx for bad files.
 */
export function AttachResult({ dossierId }: { dossierId: string }) {
  const queries = useQueryClient();
  const [fields, setFields] = useState({ decisionNumber: '', kind: 'certificate', issuedOn: today(), signer: '' });
  const [file, setFile] = useState<File | null>(null);
  const attach = useMutation({
    mutationFn: () => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      if (file) form.set('file', file, file.name);
      return api<Result>(`/dossiers/${dossierId}/result`, { method: 'POST', body: form });
    },
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['dossier', dossierId] }),
  });
  const failure = attach.error instanceof ApiError ? attach.error : null;
  const errorOf = (field: string) => failure?.fields[field];
  const named = failure && Object.keys(failure.fields).length > 0;
  const set = (key: keyof typeof fields) => (event: { currentTarget: { value: string } }) =>
    setFields({ ...fields, [key]: event.currentTarget.value });
  return (
    <section class="card" aria-labelledby="attach-title">
      <h2 id="attach-title">Đính kèm kết quả giải quyết</h2>
      {attach.data ? (
        <>
          <p role="status" class="ok">
            Đã đính kèm kết quả {attach.data.decisionNumber}. Hoàn thành bước để chuyển trả kết quả.
          </p>
          <ResultSummary result={attach.data} />
        </>
      ) : (
        <form
          class="stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!attach.isPending) attach.mutate();
          }}
        >
          <div class="row">
            <Field
              label="Số văn bản / số giấy"
              name="decisionNumber"
              required
              value={fields.decisionNumber}
              error={errorOf('decisionNumber')}
              onInput={set('decisionNumber')}
            />
            <div class="field">
              <label for="result-kind">Loại kết quả</label>
              <select id="result-kind" name="kind" value={fields.kind} onChange={set('kind')}>
                {Object.entries(RESULT_KIND_NAMES).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <Field
              label="Ngày ký"
              name="issuedOn"
              type="date"
              required
              value={fields.issuedOn}
              error={errorOf('issuedOn')}
              onInput={set('issuedOn')}
            />
            <Field
              label="Người ký"
              name="signer"
              required
              value={fields.signer}
              error={errorOf('signer')}
              onInput={set('signer')}
            />
          </div>
          <Field
            label="Tệp kết quả điện tử (PDF, JPEG, PNG, TIFF)"
            name="file"
            type="file"
            accept="application/pdf,image/jpeg,image/png,image/tiff"
            error={failure && !named && failure.status !== 409 ? describeError(failure) : undefined}
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
          {failure?.status === 409 && (
            <p class="error" role="alert">
              {describeError(failure)}
            </p>
          )}
          {attach.error && !failure && <p class="error">{describeError(attach.error)}</p>}
          <div>
            <button type="submit" disabled={!file || attach.isPending}>
              {attach.isPending ? 'Đang đính kèm…' : 'Đính kèm kết quả'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
