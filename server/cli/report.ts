// `deskbell report`: a site's figures for a range of local days, as JSON or CSV, for
// spreadsheets and scheduled mail. The figures are defined in server/reports/metrics.ts.
import { deskbellError } from '../errors.js';
import { reportCsv } from '../reports/csv.js';
import { buildReport } from '../reports/query.js';
import { parseDate } from '../reports/time.js';
import type { Store } from '../store/types.js';

export const REPORT_HELP = `Usage: deskbell report --site KEY --from YYYY-MM-DD --to YYYY-MM-DD [--format json|csv] [--tz ZONE]

  Prints the site's figures for the conversations started from the first day to the
  last, both included, as local days in the time zone ZONE (an IANA name such as
  Europe/London; default the site's, set with deskbell site tz, else UTC):
  conversations, deflection, handoffs, queue waits, first
  response and resolution times, CSAT, FAQ answers, busiest hours, agents, and the
  same service figures per language the shoppers wrote in.
  --format json (default) prints one JSON object with snake_case keys; csv prints one
  table per section. What each figure means: docs/reports.md.
  Takes --db PATH (env DESKBELL_DB).`;

export interface ReportFlags {
  site?: string;
  from?: string;
  to?: string;
  format?: string;
  tz?: string;
}

export async function reportCommand(store: Store, flags: ReportFlags): Promise<number> {
  const missing = (['site', 'from', 'to'] as const).filter((f) => !flags[f]);
  if (missing.length > 0) throw deskbellError('DESKBELL_VALIDATION', `${missing.map((f) => `--${f}`).join(', ')} required.\n\n${REPORT_HELP}`);
  const format = flags.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw deskbellError('DESKBELL_VALIDATION', `--format is json or csv, not "${format}"`);
  const report = await buildReport(store, { siteKey: flags.site!, from: parseDate(flags.from!), to: parseDate(flags.to!), ...(flags.tz ? { timeZone: flags.tz } : {}) });
  process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportCsv(report));
  return 0;
}
