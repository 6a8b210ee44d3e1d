import { useEffect, useRef, useState } from 'preact/hooks';
import { openPdf } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { DOSSIER_STATUS_NAMES, formatDateTime, name } from '../../ui/labels';

type Dossier = Schema<'DossierResponseDto'>;

/** Which form the desk prints for the outcome: 01 receipt, 02 supplement request, 03 refusal. */
function formOf(dossier: Dossier): { path: string; label: string } {
  if (dossier.status === 'awaiting-intake-supplement')
    return { path: 'supplement-request.pdf', label: 'In phiếu yêu cầu bổ sung (Mẫu 02)' };
  if (dossier.status === 'refused-at-intake') return { path: 'refusal.pdf', label: 'In phiếu từ chối (Mẫu 03)' };
  return { path: 'receipt.pdf', label: 'In giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)' };
}

/** The logged dossier: its code, appointment and lookup secret, and the one-click print of its form. */
export function IntakeResult({ dossier, onNext }: { dossier: Dossier; onNext(): void }) {
  const print = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const form = formOf(dossier);
  useEffect(() => print.current?.focus(), []);
  return (
    <section class="card" aria-labelledby="result-title" data-dossier-code={dossier.code}>
      <h2 id="result-title">Đã ghi nhận hồ sơ {dossier.code}</h2>
      <dl class="grid">
        <div>
          <dt>Trạng thái</dt>
          <dd>{name(DOSSIER_STATUS_NAMES, dossier.status)}</dd>
        </div>
        <div>
          <dt>Ngày hẹn trả</dt>
          <dd>{formatDateTime(dossier.appointmentAt)}</dd>
        </div>
        {dossier.lookupSecret && (
          <div>
            <dt>Mã tra cứu của công dân</dt>
            <dd>
              <code>{dossier.lookupSecret}</code>
            </dd>
          </div>
        )}
      </dl>
      <div class="row">
        <button
          ref={print}
          type="button"
          onClick={() =>
            openPdf(`/dossiers/${dossier.id}/${form.path}`).catch((failure) => setError(describeError(failure)))
          }
        >
          {form.label}
        </button>
        <button type="button" class="secondary" onClick={onNext}>
          Tiếp nhận hồ sơ mới
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
