// A report as CSV for spreadsheets: one table per section, separated by an empty line, each
// starting with its header row (docs/reports.md shows the layout). The summary table holds
// every single figure, named by its JSON path (`first_response_seconds.median`).
import { formatCsv } from '../faq/csv.js';
import type { Report } from './query.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type Cell = string | number | null;
const cell = (v: Cell): string => (v === null ? '' : String(v));

/** Leaves of a nested object as [path, value] pairs, in key order. */
function flatten(value: unknown, path: string, out: Array<[string, Cell]>): void {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.push([path, value as Cell]);
  }
}

export function reportCsv(report: Report): string {
  const { faq, agents, busiest_hours: heat, languages, ...summary } = report;
  const figures: Array<[string, Cell]> = [];
  flatten(summary, '', figures);
  const tables: string[][][] = [
    [['figure', 'value'], ...figures.map(([k, v]) => [k, cell(v)])],
    [['faq_id', 'shown', 'helpful', 'not_helpful', 'helpful_rate'], ...faq.map((f) => [f.faq_id, f.shown, f.helpful, f.not_helpful, f.helpful_rate].map(cell))],
    [
      ['agent_id', 'agent_name', 'conversations', 'first_response_median_seconds', 'first_response_p90_seconds', 'resolved', 'csat_average'],
      ...agents.map((a) => [a.agent_id, a.agent_name, a.conversations, a.first_response_seconds.median, a.first_response_seconds.p90, a.resolved, a.csat_average].map(cell)),
    ],
    [['weekday', ...Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))], ...heat.map((row, d) => [WEEKDAYS[d]!, ...row.map(String)])],
    // Last, so the tables before it keep their places for readers of the earlier layout.
    [
      ['lang', 'conversations', 'bot_alone_rate', 'handoff_rate', 'queue_wait_median_seconds', 'abandonment_rate', 'csat_ratings', 'csat_average'],
      ...languages.map((l) => [l.lang, l.conversations, l.bot_alone_rate, l.handoff_rate, l.queue_wait_median_seconds, l.abandonment_rate, l.csat_ratings, l.csat_average].map(cell)),
    ],
  ];
  return tables.map(formatCsv).join('\r\n');
}
