// The busiest hours: a table of weekdays × hours whose cells are shaded by how many
// conversations started then. The numbers are in the cells (and so read by screen readers
// with their row and column headers); the shade only helps the eye find the peaks.
import type { JSX } from 'preact';
import { csvText, downloadCsv } from './csv-download.js';
import { useI18n, type StringKey } from './i18n/index.js';
import { ExportCsvButton } from './report-table.js';

const DAYS: StringKey[] = ['repMon', 'repTue', 'repWed', 'repThu', 'repFri', 'repSat', 'repSun'];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

interface Props {
  /** 7 rows (Monday first) of 24 counts. */
  counts: number[][];
  timeZone: string;
  filename: string;
}

export function ReportHeatmap({ counts, timeZone, filename }: Props): JSX.Element {
  const { t } = useI18n();
  const max = Math.max(1, ...counts.flat());
  const title = t('repHeatTitle');
  const exportCsv = (): void => downloadCsv(filename, csvText([t('repWeekday'), ...HOURS], counts.map((row, d) => [t(DAYS[d]!), ...row])));
  return (
    <section class="report-section" aria-labelledby="heat-title" data-testid="heatmap">
      <div class="report-section-head">
        <h2 id="heat-title">{title}</h2>
        <ExportCsvButton testId="export-heat" table={title} onClick={exportCsv} />
      </div>
      <p class="muted">{t('repHeatIntro', { tz: timeZone })}</p>
      {/* Wider than a phone, and nothing in it takes focus: without a tab stop of its own a
          keyboard user could not scroll to the evening hours (axe: scrollable-region-focusable). */}
      <div class="report-scroll" tabIndex={0} role="group" aria-labelledby="heat-title">
        <table class="heatmap">
          <thead>
            <tr>
              <td />
              {HOURS.map((h) => <th key={h} scope="col">{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {counts.map((row, d) => (
              <tr key={d}>
                <th scope="row">{t(DAYS[d]!)}</th>
                {row.map((n, h) => {
                  const level = n / max;
                  // Dark text on light shades, white on dark ones: both above 4.5:1.
                  return (
                    <td key={h} class={n === 0 ? 'zero' : level > 0.55 ? 'strong' : undefined} style={{ backgroundColor: n === 0 ? undefined : `rgba(28, 87, 184, ${(0.08 + 0.92 * level).toFixed(3)})` }}>
                      {n}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
