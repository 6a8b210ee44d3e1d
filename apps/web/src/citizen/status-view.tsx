import { useState } from 'preact/hooks';
import { citizenApi, CitizenError, CitizenStatus, formatDateTime, formatVnd } from './citizen-api';
import { RatingForm } from './rating-form';

const RATING_TEXT: Record<string, string> = {
  'very-satisfied': 'Rất hài lòng',
  satisfied: 'Hài lòng',
  dissatisfied: 'Không hài lòng',
};

/** One dossier as its applicant sees it: status in plain words, appointment, what is needed, timeline, actions. */
export function StatusView(props: { status: CitizenStatus; secret: string; onChanged: () => void }) {
  const { status, secret } = props;
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [thanked, setThanked] = useState(false);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof CitizenError ? caught.message : 'Không thực hiện được. Vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  };
  const pay = () =>
    act(async () => {
      const { paymentUrl } = await citizenApi.pay(status.code, secret);
      window.location.assign(paymentUrl);
    });
  const download = () =>
    act(async () => {
      const { url } = await citizenApi.resultLink(status.code, secret);
      window.location.assign(url);
    });

  return (
    <section class="stack citizen-status" aria-labelledby="dossier-title" data-status={status.status}>
      <div class="card stack">
        <h2 id="dossier-title">Hồ sơ {status.code}</h2>
        <p class="citizen-state">
          Tình trạng: <strong>{status.statusText}</strong>
        </p>
        <dl class="citizen-facts">
          <dt>Thủ tục</dt>
          <dd>{status.procedureName}</dd>
          <dt>Nơi tiếp nhận và trả kết quả</dt>
          <dd>{status.agencyName}</dd>
          <dt>Ngày tiếp nhận</dt>
          <dd>{formatDateTime(status.receivedAt)}</dd>
          <dt>Ngày hẹn trả kết quả</dt>
          <dd>{status.appointmentAt ? formatDateTime(status.appointmentAt) : 'Chưa có'}</dd>
        </dl>
      </div>

      {status.needed.length > 0 && (
        <div class="card stack citizen-needed" role="status">
          <h2>Ông/Bà cần làm</h2>
          <ul>
            {status.needed.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}

      {(status.actions.pay || status.actions.download) && (
        <div class="card stack">
          <h2>Thao tác</h2>
          {status.actions.pay && (
            <button type="button" onClick={pay} disabled={busy}>
              Thanh toán trực tuyến {formatVnd(status.actions.pay.amount)}
            </button>
          )}
          {status.actions.download && (
            <button type="button" onClick={download} disabled={busy}>
              Tải kết quả
            </button>
          )}
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}

      {status.actions.rate && !thanked && (
        <RatingForm
          code={status.code}
          secret={secret}
          onRated={() => {
            setThanked(true);
            props.onChanged();
          }}
        />
      )}
      {(thanked || status.rating) && (
        <p class="ok" role="status">
          Cảm ơn Ông/Bà đã đánh giá{status.rating ? `: ${RATING_TEXT[status.rating] ?? status.rating}` : ''}.
        </p>
      )}

      <div class="card stack">
        <h2>Quá trình giải quyết</h2>
        <ol class="citizen-timeline">
          {status.timeline.map((entry) => (
            <li key={`${entry.at}-${entry.text}`}>
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> <span>{entry.text}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
