import { useQuery } from '@tanstack/preact-query';
import { useId } from 'preact/hooks';
import { api } from '../api/client';
import { describeError } from '../api/api-error';
import type { Schema } from '../api/types';

/** Picks an enabled colleague of my agency (the staff directory, GET /staff) — whom a lead assigns work to. */
export function StaffPicker({
  label,
  value,
  onChange,
  role = 'agency_officer',
}: {
  label: string;
  value: string;
  onChange(userId: string): void;
  role?: string;
}) {
  const id = `staff-${useId()}`;
  const staff = useQuery({
    queryKey: ['staff', role],
    queryFn: () => api<Schema<'StaffDirectoryPageDto'>>('/staff', { query: { role, pageSize: 100 } }),
    staleTime: 300_000,
  });
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name="userId" value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">— Chọn cán bộ —</option>
        {staff.data?.items.map((person) => (
          <option key={person.id} value={person.id}>
            {person.displayName} ({person.username})
          </option>
        ))}
      </select>
      {staff.isError && <small class="field-error">{describeError(staff.error)}</small>}
    </div>
  );
}
