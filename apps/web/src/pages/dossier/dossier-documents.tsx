import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api, openPdf } from '../../api/client';
import { ApiError, describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';
import { DOCUMENT_FORM_NAMES, formatDateTime, name } from '../../ui/labels';

type Dossier = Schema<'DossierResponseDto'>;
type StoredDocument = Schema<'DocumentResponseDto'>;

export const DOCUMENT_SOURCE_NAMES: Record<string, string> = {
  'desk-upload': 'Quét tại một cửa',
  'portal-upload': 'Người nộp tải lên',
  'reused-document': 'Tái sử dụng giấy tờ',
  'reused-result': 'Tái sử dụng kết quả',
};

export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The dossier's checklist with its stored files (one per item): the desk uploads a scan for an item (it replaces the
 * current one); the API refuses oversize, empty or wrong-type files with a 4xx shown beside the file field.
 */
export function DossierDocuments({ dossier, canUpload }: { dossier: Dossier; canUpload: boolean }) {
  const queries = useQueryClient();
  const [code, setCode] = useState(dossier.documents[0]?.code ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [digitized, setDigitized] = useState(true);
  const [inputKey, setInputKey] = useState(0);
  const [openError, setOpenError] = useState<string | null>(null);
  const stored = useQuery({
    queryKey: ['dossier', dossier.id, 'documents'],
    queryFn: () => api<StoredDocument[]>(`/dossiers/${dossier.id}/documents`),
  });
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('checklistCode', code);
      form.set('digitized', String(digitized));
      if (file) form.set('file', file, file.name);
      return api<StoredDocument>(`/dossiers/${dossier.id}/documents`, { method: 'POST', body: form });
    },
    onSuccess: () => {
      setFile(null);
      setInputKey((key) => key + 1);
      void queries.invalidateQueries({ queryKey: ['dossier', dossier.id, 'documents'] });
    },
  });
  const byCode = new Map((stored.data ?? []).map((document) => [document.checklistCode, document]));
  const failure = upload.error;
  const fieldError = failure instanceof ApiError ? failure.fields.checklistCode : undefined;
  return (
    <section class="card" aria-labelledby="documents-title">
      <h2 id="documents-title">Thành phần hồ sơ</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Thành phần hồ sơ và tệp đã lưu</caption>
          <thead>
            <tr>
              <th scope="col">Giấy tờ</th>
              <th scope="col">Hình thức</th>
              <th scope="col">Tệp đã lưu</th>
            </tr>
          </thead>
          <tbody>
            {dossier.documents.map((document) => {
              const file = byCode.get(document.code);
              return (
                <tr key={document.code} data-checklist-code={document.code} data-stored={file ? 'yes' : 'no'}>
                  <td>
                    {document.code} — {document.name}
                  </td>
                  <td>
                    {name(DOCUMENT_FORM_NAMES, document.form)} × {document.count}
                  </td>
                  <td>
                    {file ? (
                      <>
                        <button
                          type="button"
                          class="link"
                          onClick={() =>
                            openPdf(`/dossiers/${dossier.id}/documents/${file.id}/file`).catch((error) =>
                              setOpenError(describeError(error)),
                            )
                          }
                        >
                          {file.fileName}
                        </button>{' '}
                        ({formatBytes(file.sizeBytes)}, {name(DOCUMENT_SOURCE_NAMES, file.source)}
                        {file.digitized ? ', bản số hóa' : ''}, {formatDateTime(file.createdAt)}, SHA-256{' '}
                        <code title={file.sha256}>{file.sha256.slice(0, 12)}…</code>)
                      </>
                    ) : (
                      'Chưa có tệp'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {stored.isError && <p class="error">{describeError(stored.error)}</p>}
      {openError && (
        <p class="error" role="alert">
          {openError}
        </p>
      )}
      {canUpload && dossier.documents.length > 0 && (
        <form
          class="row"
          aria-label="Tải bản quét lên"
          onSubmit={(event) => {
            event.preventDefault();
            if (!upload.isPending) upload.mutate();
          }}
        >
          <div class={`field${fieldError ? ' field-invalid' : ''}`}>
            <label for="upload-item">Giấy tờ được quét</label>
            <select id="upload-item" name="checklistCode" value={code} onChange={(e) => setCode(e.currentTarget.value)}>
              {dossier.documents.map((document) => (
                <option key={document.code} value={document.code}>
                  {document.code} — {document.name}
                </option>
              ))}
            </select>
            {fieldError && <small class="field-error">{fieldError}</small>}
          </div>
          <Field
            key={inputKey}
            label="Tệp quét (PDF, JPEG, PNG, TIFF)"
            name="file"
            type="file"
            accept="application/pdf,image/jpeg,image/png,image/tiff"
            error={failure && !fieldError ? describeError(failure) : undefined}
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
          <label style={{ fontWeight: 'normal' }}>
            <input type="checkbox" checked={digitized} onChange={(e) => setDigitized(e.currentTarget.checked)} /> Bản số
            hóa có giá trị pháp lý
          </label>
          <button type="submit" disabled={!file || upload.isPending}>
            {upload.isPending ? 'Đang tải lên…' : 'Tải lên'}
          </button>
          {upload.isSuccess && (
            <p role="status" class="ok">
              Đã lưu tệp {upload.data.fileName} cho {upload.data.checklistCode}.
            </p>
          )}
        </form>
      )}
    </section>
  );
}
