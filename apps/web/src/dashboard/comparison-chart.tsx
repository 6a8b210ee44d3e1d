import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ComparisonRow {
  label: string;
  baseline: number | null;
  scenario: number | null;
}

/** Baseline and scenario side by side per row (Chart.js grouped bars). */
export function ComparisonChart({ title, rows }: { title: string; rows: ComparisonRow[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map((row) => row.label),
        datasets: [
          { label: 'Hiện trạng', data: rows.map((row) => row.baseline), backgroundColor: '#0b5cad' },
          { label: 'Kịch bản', data: rows.map((row) => row.scenario), backgroundColor: '#b35900' },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, indexAxis: 'y' },
    });
    return () => chart.destroy();
  }, [JSON.stringify(rows)]);
  return (
    <div class="comparison-chart" data-bars={rows.length} style={{ height: `${Math.max(160, rows.length * 34)}px` }}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
