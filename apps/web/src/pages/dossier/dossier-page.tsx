import { useQuery } from '@tanstack/preact-query';
import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { api, openPdf } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { useSession } from '../../session/session';
import { GenericTable } from '../../ui/generic-table';
import { CHANNEL_NAMES, DOSSIER_STATUS_NAMES, formatDateTime, name } from '../../ui/labels';
import { DossierDelivery } from './dossier-delivery';
import { DossierDocuments } from './dossier-documents';
import { DossierPayments } from './dossier-payments';
import { AttachResult, DossierResult } from './dossier-result';
import { StepActions } from './step-actions';

/**
 * A dossier: its record, the control slip (timeline of hand-overs), documents (scans), result, fees, return, the clock
 * ledger, and my step's actions (with the result attachment on an agency's step).
 */
export default function DossierPage() {
  const { params } = useRoute();
  const { query } = useLocation();
  const { hasRole } = useSession();
  const [error, setError] = useState<string | null>(null);
  const id = params.id;
  const canReadDossier = hasRole('desk_officer', 'agency_lead', 'supervisor');
  const dossier = useQuery({
    queryKey: ['dossier', id],
    queryFn: () => api<Schema<'DossierResponseDto'>>(`/dossiers/${id}`),
    enabled: canReadDossier,
  });
  const slip = useQuery({
    queryKey: ['dossier', id, 'slip'],
    queryFn: () => api<Schema<'ControlSlipResponseDto'>>(`/dossiers/${id}/control-slip`),
  });
  const clock = useQuery({
    queryKey: ['dossier', id, 'clock'],
    queryFn: () => api<Record<string, unknown>>(`/dossiers/${id}/clock`),
    enabled: hasRole('supervisor'),
  });
  const pdf = (path: string) => openPdf(`/dossiers/${id}/${path}`).catch((failure) => setError(describeError(failure)));
  const record = dossier.data;
  const control = slip.data;

  return (
    <main id="main" class="page stack">
      <h1>Hồ sơ {record?.code ?? control?.dossierCode ?? ''}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {query.step && <StepActions stepId={query.step} lead={hasRole('agency_lead')} />}
      {query.step && hasRole('agency_officer', 'agency_lead') && <AttachResult dossierId={id} />}
      {control && (
        <section class="card" aria-labelledby="summary-title">
          <h2 id="summary-title">Thông tin chung</h2>
          <dl class="grid">
            <div>
              <dt>Thủ tục</dt>
              <dd>
                {control.procedureCode} — {control.procedureName}
              </dd>
            </div>
            <div>
              <dt>Người nộp</dt>
              <dd>{control.applicantName}</dd>
            </div>
            <div>
              <dt>Trạng thái</dt>
              <dd data-dossier-status={control.status}>{name(DOSSIER_STATUS_NAMES, control.status)}</dd>
            </div>
            <div>
              <dt>Tiếp nhận / hẹn trả</dt>
              <dd>
                {formatDateTime(control.receivedAt)} / {formatDateTime(control.appointmentAt)}
              </dd>
            </div>
            {record && (
              <div>
                <dt>Kênh nộp</dt>
                <dd>{name(CHANNEL_NAMES, record.channel)}</dd>
              </div>
            )}
          </dl>
          <div class="row">
            <button type="button" class="secondary" onClick={() => pdf('control-slip.pdf')}>
              In phiếu kiểm soát (Mẫu 05)
            </button>
            {hasRole('desk_officer') && (
              <button type="button" class="secondary" onClick={() => pdf('receipt.pdf')}>
                In lại giấy tiếp nhận (Mẫu 01)
              </button>
            )}
          </div>
        </section>
      )}
      {slip.isError && <p class="error">{describeError(slip.error)}</p>}
      {record && <DossierDocuments dossier={record} canUpload={hasRole('desk_officer')} />}
      {canReadDossier && <DossierResult dossierId={id} />}
      <DossierPayments dossierId={id} desk={hasRole('desk_officer')} />
      {canReadDossier && <DossierDelivery dossierId={id} desk={hasRole('desk_officer')} />}
      {control && (
        <section class="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Quá trình xử lý</h2>
          <ol>
            {control.handOvers.map((handOver) => (
              <li key={handOver.stepTaskId}>
                {formatDateTime(handOver.handedOverAt)}: {handOver.fromAgency.name} →{' '}
                {handOver.toAgency?.name ?? 'trả kết quả'} ({handOver.outcome}
                {handOver.note ? `, ${handOver.note}` : ''})
              </li>
            ))}
            {control.pendingSteps.map((pending) => (
              <li key={pending.stepTaskId}>
                Đang xử lý tại {pending.agency.name} (bước {pending.stepId}), hạn {formatDateTime(pending.deadlineAt)}
              </li>
            ))}
          </ol>
        </section>
      )}
      {clock.data && (
        <section class="card" aria-labelledby="clock-title">
          <h2 id="clock-title">Sổ theo dõi thời hạn</h2>
          {Array.isArray(clock.data.ledger) ? (
            <GenericTable rows={clock.data.ledger as Array<Record<string, unknown>>} caption="Sổ theo dõi thời hạn" />
          ) : (
            <pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(clock.data, null, 2)}</pre>
          )}
        </section>
      )}
    </main>
  );
}
