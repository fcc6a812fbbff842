// A time-series chart of the dashboard, drawn by uPlot (a small canvas charting library).
// The canvas says nothing to a screen reader, so the figure is an image labelled with its
// title and a pointer to the table that holds the same numbers.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
}

interface Props {
  id: string;
  title: string;
  /** Read out instead of the picture. */
  description: string;
  /** Days as "YYYY-MM-DD" (local days of the report). */
  dates: readonly string[];
  series: readonly ChartSeries[];
}

const HEIGHT = 220;

export function ReportChart({ id, title, description, dates, series }: Props): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Each local day at 00:00 UTC, drawn in UTC: the axis shows the report's days as they are.
    const xs = dates.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: false, points: { show: dates.length <= 31 } }))],
        axes: [{ stroke: '#4f5b6b' }, { stroke: '#4f5b6b', grid: { stroke: '#e5e7eb' } }],
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
      },
      [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [dates, series]);
  return (
    <figure class="report-chart" data-testid={`chart-${id}`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div ref={box} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} />
      <p id={`${id}-desc`} class="visually-hidden">{description}</p>
    </figure>
  );
}
