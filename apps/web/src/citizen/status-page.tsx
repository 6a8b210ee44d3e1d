import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { citizenApi, CitizenError, CitizenStatus } from './citizen-api';
import { StatusView } from './status-view';
import './citizen.css';

/**
 * The public status page (issue 14): the applicant enters the dossier code and the lookup secret printed on the
 * receipt (the code may come in the link of a notice: ?code=). An unknown code and a wrong secret show the same
 * message. Works on a phone screen.
 */
export default function StatusPage() {
  const { query } = useLocation();
  const [code, setCode] = useState(query.code ?? '');
  const [secret, setSecret] = useState('');
  const [status, setStatus] = useState<CitizenStatus | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async (event?: Event) => {
    event?.preventDefault();
    if (!code.trim() || !secret.trim()) {
      setError('Vui lòng nhập mã hồ sơ và mã tra cứu.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      setStatus(await citizenApi.status(code, secret));
    } catch (caught) {
      setStatus(null);
      setError(caught instanceof CitizenError ? caught.message : 'Không tra cứu được. Vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="page citizen-page">
      <h1>Tra cứu hồ sơ thủ tục hành chính</h1>
      <form class="card stack citizen-lookup" onSubmit={load}>
        <div class="field">
          <label for="citizen-code">Mã hồ sơ</label>
          <input
            id="citizen-code"
            name="code"
            autoComplete="off"
            inputMode="text"
            placeholder="VD: 000.00.12.H62-251103-0001"
            value={code}
            onInput={(event) => setCode((event.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="citizen-secret">Mã tra cứu</label>
          <input
            id="citizen-secret"
            name="secret"
            autoComplete="off"
            aria-describedby="citizen-secret-hint"
            value={secret}
            onInput={(event) => setSecret((event.target as HTMLInputElement).value)}
          />
          <small id="citizen-secret-hint" class="hint">
            In trên giấy tiếp nhận hồ sơ và hẹn trả kết quả.
          </small>
        </div>
        <button type="submit" disabled={busy}>
          Tra cứu
        </button>
      </form>
      {error && (
        <p class="error citizen-not-found" role="alert">
          {error}
        </p>
      )}
      {status && <StatusView status={status} secret={secret} onChanged={() => void load()} />}
    </main>
  );
}
