import { useState } from 'preact/hooks';
import { CalendarAdmin } from './calendar-admin';
import { ProcedureAdmin } from './procedure-admin';
import { StaffAdmin } from './staff-admin';

const TABS = [
  ['procedures', 'Thủ tục và quy trình'],
  ['calendar', 'Lịch làm việc'],
  ['staff', 'Tài khoản cán bộ'],
] as const;

/** Admin: the procedure catalog with its process definitions (view, publish), calendar days, staff accounts. */
export default function AdminPage() {
  const [tab, setTab] = useState<(typeof TABS)[number][0]>('procedures');
  return (
    <main id="main" class="page stack">
      <h1>Quản trị</h1>
      <div class="row" role="group" aria-label="Mục quản trị">
        {TABS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            class={tab === value ? '' : 'secondary'}
            aria-pressed={tab === value}
            onClick={() => setTab(value)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'procedures' && <ProcedureAdmin />}
      {tab === 'calendar' && <CalendarAdmin />}
      {tab === 'staff' && <StaffAdmin />}
    </main>
  );
}
