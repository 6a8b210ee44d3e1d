import { formatDateTime } from './labels';

/**
 * A table of rows whose shape the OpenAPI document does not describe yet (e.g. the supervision lists):
 * columns are the rows' own keys, nothing is re-declared here.
 */
export function GenericTable({
  rows,
  caption,
  columns,
}: {
  rows: Array<Record<string, unknown>>;
  caption: string;
  columns?: string[];
}) {
  if (rows.length === 0) return <p>Không có dữ liệu.</p>;
  const keys = columns ?? Object.keys(rows[0]).filter((key) => !/id$/i.test(key) || key === 'dossierId');
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {keys.map((key) => (
              <th key={key} scope="col">
                {key}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {keys.map((key) => (
                <td key={key}>{show(row[key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return formatDateTime(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
