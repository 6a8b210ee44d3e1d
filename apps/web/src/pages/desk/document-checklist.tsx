import { DOCUMENT_FORM_NAMES } from '../../ui/labels';
import type { Procedure } from './procedure-picker';

export interface DocumentLine {
  code: string;
  name: string;
  mandatory: boolean;
  received: boolean;
  form: string;
  count: number;
  /** request-supplement: why this document must be supplied again (empty = not asked). */
  supplementReason: string;
}

export function checklistOf(procedure: Procedure): DocumentLine[] {
  return procedure.requiredDocuments.map((document) => ({
    code: document.code,
    name: document.name,
    mandatory: document.mandatory,
    received: true,
    form: document.form,
    count: document.count,
    supplementReason: '',
  }));
}

/** The procedure's required documents: received or not, in which form, how many copies. */
export function DocumentChecklist({
  lines,
  onChange,
  askReasons,
  errors,
}: {
  lines: DocumentLine[];
  onChange(lines: DocumentLine[]): void;
  askReasons: boolean;
  errors: Record<string, string>;
}) {
  const update = (index: number, patch: Partial<DocumentLine>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  return (
    <fieldset>
      <legend>2. Thành phần hồ sơ</legend>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Giấy tờ</th>
              <th scope="col">Đã nhận</th>
              <th scope="col">Hình thức</th>
              <th scope="col">Số bản</th>
              {askReasons && <th scope="col">Lý do yêu cầu bổ sung</th>}
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => {
              const id = `document-${line.code}`;
              const error = errors[`documents.${index}.count`] ?? errors[`documents.${index}.form`];
              return (
                <tr key={line.code}>
                  <th scope="row" id={`${id}-name`} style={{ fontWeight: 'normal', background: 'none' }}>
                    {line.name} ({line.code}){line.mandatory && <strong title="bắt buộc"> *</strong>}
                  </th>
                  <td>
                    <input
                      type="checkbox"
                      id={`${id}-received`}
                      aria-label={`Đã nhận: ${line.name}`}
                      checked={line.received}
                      onChange={(event) => update(index, { received: event.currentTarget.checked })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Hình thức: ${line.name}`}
                      value={line.form}
                      disabled={!line.received}
                      onChange={(event) => update(index, { form: event.currentTarget.value })}
                    >
                      {Object.entries(DOCUMENT_FORM_NAMES).map(([code, label]) => (
                        <option key={code} value={code}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="number"
                      min={1}
                      max={100}
                      style={{ width: '5rem' }}
                      aria-label={`Số bản: ${line.name}`}
                      aria-invalid={error ? 'true' : undefined}
                      value={line.count}
                      disabled={!line.received}
                      onInput={(event) => update(index, { count: Number(event.currentTarget.value) })}
                    />
                    {error && <small class="field-error">{error}</small>}
                  </td>
                  {askReasons && (
                    <td>
                      <input
                        type="text"
                        aria-label={`Lý do yêu cầu bổ sung: ${line.name}`}
                        placeholder={!line.received && line.mandatory ? 'Thiếu giấy tờ bắt buộc' : ''}
                        value={line.supplementReason}
                        onInput={(event) => update(index, { supplementReason: event.currentTarget.value })}
                      />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="hint">* giấy tờ bắt buộc. Bỏ chọn “Đã nhận” với giấy tờ công dân chưa nộp.</p>
    </fieldset>
  );
}
