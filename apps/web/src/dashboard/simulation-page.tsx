import { useMutation } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { describeError } from '../api/api-error';
import type { Schema } from '../api/types';
import { ComparisonChart } from './comparison-chart';
import { percent } from './dashboard-format';

type SimulationResponse = Schema<'SimulationResponseDto'>;
type SimulationRequest = Schema<'SimulationRequestDto'>;
type Delta = { baseline: number | null; scenario: number | null; difference: number | null };

const signed = (value: number | null, format: (value: number) => string) =>
  value === null ? '—' : `${value > 0 ? '+' : ''}${format(value)}`;

function DeltaTile({ name, delta, rate }: { name: string; delta: Delta; rate?: boolean }) {
  const format = (value: number | null) => (rate ? percent(value) : value === null ? '—' : String(value));
  return (
    <li class="indicator-tile" data-outcome={name}>
      <h3>{name}</h3>
      <p>
        Hiện trạng: <strong>{format(delta.baseline)}</strong>
      </p>
      <p>
        Kịch bản: <strong>{format(delta.scenario)}</strong>
      </p>
      <p class="indicator-verdict">
        Chênh lệch: {signed(delta.difference, (value) => (rate ? percent(value) : String(value)))}
      </p>
    </li>
  );
}

/**
 * Issue 18: what-if simulation for supervisors — the generated province over a period, baseline vs a scenario
 * (officers of one agency, staffing factor, make-up working day, extra day off), side by side per agency.
 */
export default function SimulationPage() {
  const [form, setForm] = useState({
    from: '2026-03-02',
    to: '2026-03-27',
    perDay: '150',
    agencyCode: 'H62.TP',
    officers: '',
    staffingFactor: '',
    makeUpDay: '',
    holiday: '',
  });
  const set = (name: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [name]: (event.target as HTMLInputElement).value });
  const run = useMutation({
    mutationFn: () => {
      const body: SimulationRequest = { from: form.from, to: form.to, dossiersPerWorkingDay: Number(form.perDay) };
      body.name = 'Kịch bản';
      if (form.officers) Object.assign(body, { agencyCode: form.agencyCode, officers: Number(form.officers) });
      if (form.staffingFactor) body.staffingFactor = Number(form.staffingFactor);
      if (form.makeUpDay) body.makeUpDays = [form.makeUpDay];
      if (form.holiday) body.holidays = [form.holiday];
      return api<SimulationResponse>('/simulations', { method: 'POST', body });
    },
  });
  const result = run.data;
  const agencies = result?.agencies ?? [];

  return (
    <main id="main" class="page stack dashboard">
      <h1>Mô phỏng kịch bản</h1>
      <p class="hint">
        Mô phỏng trên tỉnh mẫu (mã cơ quan, thủ tục giả định) với bộ định tuyến, lịch làm việc và cách tính đúng hạn QĐ
        766 của hệ thống. Cùng tham số cho cùng kết quả.
      </p>
      <form
        class="row simulation-form"
        aria-label="Tham số mô phỏng"
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate();
        }}
      >
        <label class="field">
          Từ ngày
          <input type="date" name="from" required value={form.from} onChange={set('from')} />
        </label>
        <label class="field">
          Đến ngày
          <input type="date" name="to" required value={form.to} onChange={set('to')} />
        </label>
        <label class="field">
          Hồ sơ mỗi ngày làm việc
          <input type="number" name="perDay" min={1} max={500} required value={form.perDay} onInput={set('perDay')} />
        </label>
        <label class="field">
          Mã cơ quan
          <input name="agencyCode" list="simulation-agencies" value={form.agencyCode} onInput={set('agencyCode')} />
          <datalist id="simulation-agencies">
            {agencies.map((row) => (
              <option key={row.agencyCode} value={row.agencyCode} />
            ))}
          </datalist>
        </label>
        <label class="field">
          Số cán bộ của cơ quan
          <input type="number" name="officers" min={1} max={1000} value={form.officers} onInput={set('officers')} />
        </label>
        <label class="field">
          Hệ số nhân sự các cơ quan khác
          <input
            type="number"
            name="staffingFactor"
            min={0.1}
            max={5}
            step={0.1}
            value={form.staffingFactor}
            onInput={set('staffingFactor')}
          />
        </label>
        <label class="field">
          Ngày làm bù
          <input type="date" name="makeUpDay" value={form.makeUpDay} onChange={set('makeUpDay')} />
        </label>
        <label class="field">
          Ngày nghỉ thêm
          <input type="date" name="holiday" value={form.holiday} onChange={set('holiday')} />
        </label>
        <button type="submit" disabled={run.isPending}>
          {run.isPending ? 'Đang mô phỏng…' : 'Chạy mô phỏng'}
        </button>
      </form>
      {run.error && (
        <p role="alert" class="error">
          {describeError(run.error)}
        </p>
      )}
      {result && (
        <section class="stack" aria-label="Kết quả mô phỏng" data-simulation="done">
          <h2>Kết quả: hiện trạng và kịch bản</h2>
          <ul class="indicator-tiles">
            <DeltaTile name="Giải quyết đúng hạn" delta={result.onTimeRate as Delta} rate />
            <DeltaTile name="Nộp trực tuyến" delta={result.onlineRate as Delta} rate />
            <DeltaTile name="Bước xử lý trễ hạn" delta={result.lateCount as Delta} />
          </ul>
          <h2>Bước trễ hạn theo cơ quan</h2>
          <ComparisonChart
            title="Số bước trễ hạn theo cơ quan: hiện trạng và kịch bản"
            rows={agencies.map((row) => ({
              label: row.agencyCode,
              baseline: row.lateCount.baseline,
              scenario: row.lateCount.scenario,
            }))}
          />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Trễ hạn và tồn đọng theo cơ quan</caption>
              <thead>
                <tr>
                  <th scope="col">Cơ quan</th>
                  <th scope="col">Trễ hạn (hiện trạng)</th>
                  <th scope="col">Trễ hạn (kịch bản)</th>
                  <th scope="col">Tồn cuối kỳ (hiện trạng)</th>
                  <th scope="col">Tồn cuối kỳ (kịch bản)</th>
                </tr>
              </thead>
              <tbody>
                {agencies.map((row) => (
                  <tr key={row.agencyCode} data-agency={row.agencyCode}>
                    <td>{row.agencyCode}</td>
                    <td>{row.lateCount.baseline ?? '—'}</td>
                    <td data-late-scenario>{row.lateCount.scenario ?? '—'}</td>
                    <td>{row.backlogAtEnd.baseline ?? '—'}</td>
                    <td>{row.backlogAtEnd.scenario ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </main>
  );
}
