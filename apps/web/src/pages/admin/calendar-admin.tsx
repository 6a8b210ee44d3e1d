import { useMutation, useQuery, useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { describeError } from '../../api/api-error';
import type { Schema } from '../../api/types';
import { Field } from '../../ui/field';

type Day = Schema<'CalendarDayDto'>;

/** Calendar days of a year: holidays and make-up working days (added, replaced, removed). */
export function CalendarAdmin() {
  const queries = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear());
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<Day['kind']>('holiday');
  const [label, setLabel] = useState('');
  const days = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api<Day[]>('/calendar/days', { query: { from: `${year}-01-01`, to: `${year}-12-31` } }),
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ['calendar'] });
  const save = useMutation({
    mutationFn: () => api(`/admin/calendar/days/${date}`, { method: 'PUT', body: { kind, name: label } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (day: string) => api(`/admin/calendar/days/${day}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  const failure = save.error ?? remove.error;
  return (
    <div class="stack">
      <Field
        label="Năm"
        name="year"
        type="number"
        value={year}
        onInput={(event) => setYear(Number(event.currentTarget.value))}
        style={{ width: '7rem' }}
      />
      <form
        class="row card"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Field
          label="Ngày"
          name="date"
          type="date"
          required
          value={date}
          onInput={(event) => setDate(event.currentTarget.value)}
        />
        <div class="field">
          <label for="day-kind">Loại ngày</label>
          <select id="day-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as Day['kind'])}>
            <option value="holiday">Ngày nghỉ</option>
            <option value="working">Ngày làm việc bù</option>
          </select>
        </div>
        <Field
          label="Tên ngày"
          name="name"
          required
          value={label}
          onInput={(event) => setLabel(event.currentTarget.value)}
        />
        <button type="submit" disabled={!date || !label || save.isPending}>
          Lưu ngày
        </button>
      </form>
      {failure && (
        <p class="error" role="alert">
          {describeError(failure)}
        </p>
      )}
      {days.isError && <p class="error">{describeError(days.error)}</p>}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Các ngày đặc biệt trong năm {year}</caption>
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              <th scope="col">Loại</th>
              <th scope="col">Tên</th>
              <th scope="col">Nguồn</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {days.data?.map((day) => (
              <tr key={day.date}>
                <td>{day.date}</td>
                <td>{day.kind === 'holiday' ? 'Ngày nghỉ' : 'Làm việc bù'}</td>
                <td>{day.name}</td>
                <td>{day.source}</td>
                <td>
                  <button
                    type="button"
                    class="secondary"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(day.date)}
                  >
                    Xoá <span class="visually-hidden">{day.date}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
