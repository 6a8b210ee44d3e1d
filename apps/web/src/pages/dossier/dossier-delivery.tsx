import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError, describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';
import { formatDateTime, name, SHIPMENT_STATUS_NAMES } from '../../ui/labels';

type Delivery = Schema<'DeliveryResponseDto'>;

export const RETURN_CHANNEL_NAMES: Record<string, string> = {
  desk: 'Nhận tại bộ phận một cửa',
  online: 'Nhận trực tuyến',
  postal: 'Qua bưu chính',
};
const DELIVERY_STATUS_NAMES: Record<string, string> = {
  'awaiting-pickup': 'Chờ người nộp đến nhận',
  'awaiting-download': 'Chờ người nộp tải về',
  shipping: 'Đang chuyển phát',
  delivered: 'Đã trả kết quả',
  cancelled: 'Đã hủy',
};

/**
 * How the result goes back: the return channel (changeable until the result is ready), the delivery and its times,
 * postal tracking, and the hand-over at the desk (who received it, the identity document shown).
 */
export function DossierDelivery({ dossierId, desk }: { dossierId: string; desk: boolean }) {
  const queries = useQueryClient();
  const delivery = useQuery({
    queryKey: ['dossier', dossierId, 'delivery'],
    queryFn: () => api<Delivery>(`/dossiers/${dossierId}/delivery`),
  });
  const change = useMutation({
    mutationFn: (channel: string) =>
      api<Delivery>(`/dossiers/${dossierId}/return-channel`, { method: 'PUT', body: { channel } }),
    onSuccess: (updated) => queries.setQueryData(['dossier', dossierId, 'delivery'], updated),
  });
  const current = delivery.data;
  if (!current) return delivery.isError ? <p class="error">{describeError(delivery.error)}</p> : null;
  return (
    <section class="card" aria-labelledby="delivery-title" data-delivery-status={current.status ?? 'none'}>
      <h2 id="delivery-title">Trả kết quả</h2>
      <dl class="grid">
        <div>
          <dt>Hình thức nhận</dt>
          <dd>{name(RETURN_CHANNEL_NAMES, current.returnChannel)}</dd>
        </div>
        <div>
          <dt>Tình trạng</dt>
          <dd>{current.status ? name(DELIVERY_STATUS_NAMES, current.status) : 'Chưa có kết quả'}</dd>
        </div>
        {current.readyAt && (
          <div>
            <dt>Có kết quả / đã trả</dt>
            <dd>
              {formatDateTime(current.readyAt)} / {formatDateTime(current.deliveredAt)}
            </dd>
          </div>
        )}
        {current.handedToName && (
          <div>
            <dt>Người nhận</dt>
            <dd>
              {current.handedToName} ({current.handedToIdentityDocument})
            </dd>
          </div>
        )}
        {current.trackingNumber && (
          <div>
            <dt>Mã bưu gửi</dt>
            <dd>
              {current.trackingNumber} — {name(SHIPMENT_STATUS_NAMES, current.shipmentStatus)}
            </dd>
          </div>
        )}
      </dl>
      {current.tracking.length > 0 && (
        <ol>
          {current.tracking.map((event) => (
            <li key={`${event.status}-${event.occurredAt}`}>
              {formatDateTime(event.occurredAt)}: {name(SHIPMENT_STATUS_NAMES, event.status)}
              {event.note ? ` (${event.note})` : ''}
            </li>
          ))}
        </ol>
      )}
      {desk && current.returnChannelChangeable && (
        <div class="field">
          <label for="change-return-channel">Đổi hình thức nhận kết quả</label>
          <select
            id="change-return-channel"
            value={current.returnChannel}
            disabled={change.isPending}
            onChange={(event) => change.mutate(event.currentTarget.value)}
          >
            {Object.entries(RETURN_CHANNEL_NAMES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {change.isError && <small class="field-error">{describeError(change.error)}</small>}
        </div>
      )}
      {desk && current.status === 'awaiting-pickup' && <HandoverForm dossierId={dossierId} />}
    </section>
  );
}

function HandoverForm({ dossierId }: { dossierId: string }) {
  const queries = useQueryClient();
  const [receivedBy, setReceivedBy] = useState('');
  const [identityDocument, setIdentityDocument] = useState('');
  const [note, setNote] = useState('');
  const handOver = useMutation({
    mutationFn: () =>
      api<Delivery>(`/dossiers/${dossierId}/delivery/handover`, {
        method: 'POST',
        body: { receivedBy, identityDocument, note: note.trim() || undefined },
      }),
    onSuccess: (updated) => {
      queries.setQueryData(['dossier', dossierId, 'delivery'], updated);
      void queries.invalidateQueries({ queryKey: ['dossier', dossierId] });
      void queries.invalidateQueries({ queryKey: ['uncollected'] });
    },
  });
  const failure = handOver.error instanceof ApiError ? handOver.error : null;
  const errorOf = (field: string) => failure?.fields[field];
  return (
    <form
      class="stack"
      noValidate
      aria-label="Ghi nhận trao kết quả"
      onSubmit={(event) => {
        event.preventDefault();
        if (!handOver.isPending) handOver.mutate();
      }}
    >
      <h3>Trao kết quả tại quầy</h3>
      <div class="row">
        <Field
          label="Người nhận"
          name="receivedBy"
          required
          value={receivedBy}
          error={errorOf('receivedBy')}
          onInput={(event) => setReceivedBy(event.currentTarget.value)}
        />
        <Field
          label="Giấy tờ tùy thân xuất trình"
          name="identityDocument"
          required
          hint="Ví dụ: CCCD 001090012345"
          value={identityDocument}
          error={errorOf('identityDocument')}
          onInput={(event) => setIdentityDocument(event.currentTarget.value)}
        />
        <Field
          label="Ghi chú (giấy ủy quyền…)"
          name="note"
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </div>
      {handOver.error && !(failure && Object.keys(failure.fields).length > 0) && (
        <p class="error" role="alert">
          {describeError(handOver.error)}
        </p>
      )}
      <div>
        <button type="submit" disabled={handOver.isPending}>
          Ghi nhận đã trao kết quả
        </button>
      </div>
    </form>
  );
}
