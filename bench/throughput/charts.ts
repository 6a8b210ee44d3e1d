import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';

export interface Bar {
  label: string;
  value: number;
  kind: 'baseline' | 'system';
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A horizontal bar chart on a log scale (operations/s span four decades), baselines grey, system runs blue. */
export function barChartSvg(title: string, unit: string, bars: Bar[]): string {
  const width = 900;
  const rowHeight = 26;
  const left = 330;
  const right = 90;
  const top = 48;
  const height = top + bars.length * rowHeight + 40;
  const positive = bars.filter((bar) => bar.value > 0).map((bar) => bar.value);
  const min = Math.pow(10, Math.floor(Math.log10(Math.min(...positive, 1))));
  const max = Math.pow(10, Math.ceil(Math.log10(Math.max(...positive, 10))));
  const scale = (value: number) =>
    value <= 0
      ? 0
      : ((Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))) * (width - left - right);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="24" font-size="16" font-weight="bold">${escape(title)}</text>`,
  ];
  for (let decade = min; decade <= max; decade *= 10) {
    const x = left + scale(decade);
    parts.push(`<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${height - 30}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${x}" y="${height - 14}" text-anchor="middle" fill="#555">${decade.toLocaleString('en-US')}</text>`,
    );
  }
  bars.forEach((bar, index) => {
    const y = top + index * rowHeight;
    const barWidth = Math.max(1, scale(bar.value));
    parts.push(`<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escape(bar.label)}</text>`);
    parts.push(
      `<rect x="${left}" y="${y + 3}" width="${barWidth}" height="${rowHeight - 8}" fill="${bar.kind === 'baseline' ? '#9aa5b1' : '#2b6cb0'}"/>`,
    );
    parts.push(
      `<text x="${left + barWidth + 6}" y="${y + 15}" fill="#222">${Math.round(bar.value).toLocaleString('en-US')}</text>`,
    );
  });
  parts.push(
    `<text x="${width - 12}" y="24" text-anchor="end" fill="#555">${escape(unit)}, log scale · grey = baseline, blue = system</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}

/** Writes the SVG and, when Debian's Chromium is there, a PNG screenshot of it. Returns the PNG path or null. */
export function writeChart(svgPath: string, svg: string): string | null {
  writeFileSync(svgPath, svg);
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (!chromium) return null;
  const size = /width="(\d+)" height="(\d+)"/.exec(svg);
  const pngPath = svgPath.replace(/\.svg$/, '.png');
  try {
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        `--screenshot=${pngPath}`,
        `--window-size=${size?.[1] ?? 900},${size?.[2] ?? 600}`,
        `file://${svgPath}`,
      ],
      { stdio: 'ignore', timeout: 60_000 },
    );
    return existsSync(pngPath) ? pngPath : null;
  } catch {
    return null;
  }
}
