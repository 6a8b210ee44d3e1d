import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';
import { Pager, pageCount } from '../../ui/pager';
import { formatDateTime, SHIPMENT_STATUS_NAMES } from '../../ui/labels';

type Shipment = Schema<'SandboxShipmentDto'>;
type Delivery = { webhook: { path: string }; response: { status: number; body: unknown } };

/** What the installation answered a webhook, in words (200 recorded / already recorded, or the refusal). */
function answerText(delivery: Delivery): string {
  const body = delivery.response.body as { recorded?: boolean; applied?: boolean; message?: string } | null;
  if (delivery.response.status !== 200)
    return `bị từ chối (${delivery.response.status}${body?.message ? `: ${body.message}` : ''})`;
  if (body?.recorded === false) return 'đã ghi nhận từ trước';
  return body?.applied === false ? 'ghi nhận, không đổi trạng thái' : 'đã ghi nhận';
}

/**
 * The embedded sandbox carrier's own desk (admin, demos and tests): the shipments the installation ordered, the
 * postal worker's scans (each sends the signed webhook to the installation, whose answer is shown) and a redelivery
 * of every scan's webhook, as a carrier retries webhooks that got no 2xx.
 */
export default function PostalSandboxPage() {
  const queries = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const shipments = useQuery({
    queryKey: ['sandbox-shipments', page, status],
    queryFn: () =>
      api<Schema<'SandboxShipmentPageDto'>>('/sandbox/postal/shipments', {
        query: { page, pageSize: 20, status: status || undefined },
      }),
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ['sandbox-shipments'] });
  const scan = useMutation({
    mutationFn: (input: { trackingNumber: string; status: string }) =>
      api<Delivery>(`/sandbox/postal/shipments/${input.trackingNumber}/events`, {
        method: 'POST',
        body: { status: input.status, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      }),
    onSuccess: (delivery, input) => {
      setMessage(
        `${input.trackingNumber}: ${SHIPMENT_STATUS_NAMES[input.status] ?? input.status} — hệ thống ${answerText(delivery)}.`,
      );
      void refresh();
    },
  });
  const redeliver = useMutation({
    mutationFn: (trackingNumber: string) =>
      api<Delivery[]>(`/sandbox/postal/shipments/${trackingNumber}/redeliver`, { method: 'POST' }),
    onSuccess: (deliveries, trackingNumber) => {
      setMessage(
        `${trackingNumber}: đã gửi lại ${deliveries.length} thông báo — ${deliveries.map(answerText).join('; ') || 'chưa có lần quét nào'}.`,
      );
      void refresh();
    },
  });
  const failure = scan.error ?? redeliver.error ?? shipments.error;
  const data = shipments.data;
  return (
    <main id="main" class="page">
      <h1>Bưu chính (sandbox)</h1>
      <p>
        Bưu điện mô phỏng: các bưu gửi trả kết quả mà hệ thống đã đặt. Mỗi lần quét gửi thông báo (webhook) có chữ ký
        đến hệ thống, như một đơn vị bưu chính thật.
      </p>
      <div class="stack">
        <label>
          Trạng thái{' '}
          <select
            name="status"
            value={status}
            onChange={(event) => {
              setStatus(event.currentTarget.value);
              setPage(1);
            }}
          >
            <option value="">Tất cả</option>
            {Object.entries(SHIPMENT_STATUS_NAMES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <Field
          label="Lý do (khi phát không thành công hoặc chuyển hoàn)"
          name="reason"
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
      </div>
      {message && <p role="status">{message}</p>}
      {failure && <p class="error">{describeError(failure)}</p>}
      {data && data.items.length === 0 && <p>Chưa có bưu gửi nào.</p>}
      {data && data.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Bưu gửi</caption>
            <thead>
              <tr>
                <th scope="col">Số hiệu</th>
                <th scope="col">Nội dung</th>
                <th scope="col">Người nhận</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Cập nhật</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((shipment: Shipment) => (
                <tr key={shipment.trackingNumber} data-tracking-number={shipment.trackingNumber}>
                  <td>{shipment.trackingNumber}</td>
                  <td>{shipment.itemDescription}</td>
                  <td>
                    {shipment.receiverName}
                    <br />
                    <small>
                      {shipment.receiverAddress} — {shipment.receiverPhone}
                    </small>
                  </td>
                  <td>{SHIPMENT_STATUS_NAMES[shipment.status] ?? shipment.status}</td>
                  <td>{shipment.updatedAt ? formatDateTime(shipment.updatedAt) : ''}</td>
                  <td class="actions">
                    {shipment.nextScans.map((next) => (
                      <button
                        key={next}
                        type="button"
                        disabled={scan.isPending}
                        onClick={() => scan.mutate({ trackingNumber: shipment.trackingNumber, status: next })}
                      >
                        {SHIPMENT_STATUS_NAMES[next] ?? next}
                      </button>
                    ))}{' '}
                    {shipment.history.length > 0 && (
                      <button
                        type="button"
                        class="secondary"
                        disabled={redeliver.isPending}
                        onClick={() => redeliver.mutate(shipment.trackingNumber)}
                      >
                        Gửi lại thông báo
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > data.pageSize && (
        <Pager page={page} hasNext={page * data.pageSize < data.total} onPage={setPage}>
          Trang {data.page} / {pageCount(data)}
        </Pager>
      )}
    </main>
  );
}
