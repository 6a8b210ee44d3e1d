import { useEffect, useRef } from 'preact/hooks';
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { INDICATOR_NAMES } from './dashboard-format';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export interface TrendSeries {
  id: string;
  values: Array<number | null>;
}

const COLOURS = ['#0b5cad', '#1a7f37', '#b35900', '#6f42c1'];

/** Monthly trends of a few indicators (Chart.js line chart, percentages). */
export function TrendChart({ labels, series }: { labels: string[]; series: TrendSeries[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels,
        datasets: series.map((line, index) => ({
          label: INDICATOR_NAMES[line.id] ?? line.id,
          data: line.values.map((value) => (value === null ? null : Math.round(value * 1000) / 10)),
          borderColor: COLOURS[index % COLOURS.length],
          backgroundColor: COLOURS[index % COLOURS.length],
          spanGaps: true,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: (value) => `${value} %` } } },
      },
    });
    return () => chart.destroy();
  }, [labels.join(), JSON.stringify(series)]);
  const points = series.reduce((sum, line) => sum + line.values.filter((value) => value !== null).length, 0);
  return (
    <div class="trend-chart" data-points={points}>
      <canvas ref={canvas} role="img" aria-label={`Xu hướng theo tháng: ${labels.join(', ')}`} />
    </div>
  );
}
