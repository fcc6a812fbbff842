// The console's reports dashboard (#/reports): is our service good? Filters (site, agent,
// the last 7/30/90 days or any range), the headline figures with their change against the
// previous period of the same length, daily charts (uPlot), the busiest hours, and tables
// that sort and export as CSV. Every figure comes from GET /api/sites/:key/dashboard; what
// each means is in docs/reports.md.
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HandoffReason } from '../protocol.js';
import { ErrorReason } from './server-words.js';
import type { ApiError, ConsoleSite } from './faq-api.js';
import { fillParts, LANG_NAMES, useI18n, type StringKey } from './i18n/index.js';
import { ReportChart, type ChartSeries } from './report-chart.js';
import { formatChange, formatCount, formatFigure, formatShare, type FigureKind } from './report-format.js';
import { ReportHeatmap } from './report-heatmap.js';
import { ReportTable, type Column } from './report-table.js';
import { ReportsApi, type Dashboard } from './reports-api.js';
import './reports.css';

type Report = Dashboard['report'];
type Status = { kind: 'loading' } | { kind: 'loaded'; from: string; to: string } | { kind: 'badRange' } | { kind: 'failed'; error: ApiError } | null;
type Preset = 7 | 30 | 90 | 'custom';

interface Filters {
  site: string | null;
  agent: string | null;
  preset: Preset;
  from: string;
  to: string;
}

/** A day `back` days before today, in the browser's calendar, as YYYY-MM-DD. */
function daysAgo(back: number): string {
  const d = new Date();
  d.setDate(d.getDate() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const rangeOf = (days: number): { from: string; to: string } => ({ from: daysAgo(days - 1), to: daysAgo(0) });

interface Headline {
  key: string;
  label: StringKey;
  kind: FigureKind;
  value: (r: Report) => number | null;
}

const HEADLINES: Headline[] = [
  { key: 'conversations', label: 'repConversations', kind: 'count', value: (r) => r.conversations.total },
  { key: 'deflection', label: 'repDeflection', kind: 'share', value: (r) => r.deflection.rate },
  { key: 'handoff-rate', label: 'repHandoffRate', kind: 'share', value: (r) => r.handoffs.rate },
  { key: 'wait-median', label: 'repWaitMedian', kind: 'seconds', value: (r) => r.queue.wait_seconds.median },
  { key: 'wait-p90', label: 'repWaitP90', kind: 'seconds', value: (r) => r.queue.wait_seconds.p90 },
  { key: 'abandonment', label: 'repAbandonment', kind: 'share', value: (r) => r.queue.abandonment_rate },
  { key: 'first-response', label: 'repFirstResponse', kind: 'seconds', value: (r) => r.first_response_seconds.median },
  { key: 'resolution', label: 'repResolution', kind: 'seconds', value: (r) => r.resolution.seconds.median },
  { key: 'within-24h', label: 'repWithin24h', kind: 'share', value: (r) => r.resolution.within_24h_rate },
  { key: 'csat', label: 'repCsat', kind: 'score', value: (r) => r.csat.average },
];

/** Each language by its own name (as the language pickers show them); `unknown` is translated. */
const LANG_NAME = new Map<string, string>(LANG_NAMES);

const REASONS: Array<[HandoffReason, StringKey]> = [
  ['asked', 'handoffAsked'],
  ['no_match', 'handoffNoMatch'],
  ['not_helpful', 'handoffNotHelpful'],
  ['declined', 'handoffDeclined'],
];

export function ReportsView({ onSessionEnded }: { onSessionEnded: () => void }): JSX.Element {
  const { t, lang } = useI18n();
  const api = useMemo(() => new ReportsApi(onSessionEnded), [onSessionEnded]);
  const [sites, setSites] = useState<ConsoleSite[]>([]);
  const [filters, setFilters] = useState<Filters>({ site: null, agent: null, preset: 30, ...rangeOf(30) });
  // The custom range being typed, applied with "Show".
  const [draft, setDraft] = useState({ from: filters.from, to: filters.to });
  const [data, setData] = useState<Dashboard | null>(null);
  // What the status line says, kept as what happened (not words): a language change rewords it.
  const [status, setStatus] = useState<Status>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    void api.sites().then((res) => {
      if (!res.ok) return setStatus({ kind: 'failed', error: res.error });
      setSites(res.data.sites);
      setFilters((f) => ({ ...f, site: res.data.sites[0]?.key ?? null }));
    });
  }, [api]);

  useEffect(() => {
    const { site, from, to, agent } = filters;
    if (!site) return;
    let current = true;
    setStatus({ kind: 'loading' });
    void api.dashboard(site, { from, to, agent }).then((res) => {
      if (!current) return;
      if (!res.ok) return setStatus({ kind: 'failed', error: res.error });
      setData(res.data);
      setStatus({ kind: 'loaded', from, to });
    });
    return () => {
      current = false;
    };
  }, [api, filters]);

  const choosePreset = (preset: Preset): void => {
    if (preset === 'custom') return setFilters((f) => ({ ...f, preset }));
    const range = rangeOf(preset);
    setDraft(range);
    setFilters((f) => ({ ...f, preset, ...range }));
  };
  const applyCustom = (e: Event): void => {
    e.preventDefault();
    if (!draft.from || !draft.to || draft.from > draft.to) return setStatus({ kind: 'badRange' });
    setFilters((f) => ({ ...f, preset: 'custom', ...draft }));
  };

  const report = data?.report;
  const file = (part: string): string => `report-${report?.site ?? 'site'}-${part}-${report?.from ?? filters.from}-${report?.to ?? filters.to}.csv`;
  const agentName = data?.agent_list.find((a) => a.id === filters.agent)?.name;

  return (
    <main class="faq-manager reports" id="reports" data-testid="reports-view">
      <header class="faq-header">
        <h1 ref={heading} tabIndex={-1} id="reports-title">{t('repTitle')}</h1>
      </header>
      <p class="muted">{t('repIntro')}</p>

      <form class="report-filters" aria-label={t('repFilters')} onSubmit={applyCustom} data-testid="report-filters">
        <label class="faq-inline-field">
          <span>{t('faqSite')}</span>
          <select value={filters.site ?? ''} data-testid="report-site" onChange={(e) => setFilters((f) => ({ ...f, site: e.currentTarget.value, agent: null }))}>
            {sites.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
          </select>
        </label>
        <label class="faq-inline-field">
          <span>{t('repAgent')}</span>
          <select value={filters.agent ?? ''} data-testid="report-agent" onChange={(e) => setFilters((f) => ({ ...f, agent: e.currentTarget.value || null }))}>
            <option value="">{t('repAllAgents')}</option>
            {data?.agent_list.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
        <label class="faq-inline-field">
          <span>{t('repRange')}</span>
          <select value={String(filters.preset)} data-testid="report-preset" onChange={(e) => {
            const v = e.currentTarget.value;
            choosePreset(v === 'custom' ? 'custom' : (Number(v) as 7 | 30 | 90));
          }}>
            <option value="7">{t('repLast7')}</option>
            <option value="30">{t('repLast30')}</option>
            <option value="90">{t('repLast90')}</option>
            <option value="custom">{t('repCustom')}</option>
          </select>
        </label>
        {filters.preset === 'custom' && (
          <>
            <label class="faq-inline-field">
              <span>{t('repFrom')}</span>
              <input type="date" value={draft.from} data-testid="report-from" onInput={(e) => setDraft((d) => ({ ...d, from: e.currentTarget.value }))} />
            </label>
            <label class="faq-inline-field">
              <span>{t('repTo')}</span>
              <input type="date" value={draft.to} data-testid="report-to" onInput={(e) => setDraft((d) => ({ ...d, to: e.currentTarget.value }))} />
            </label>
            <button type="submit" class="button primary" data-testid="report-apply">{t('repApply')}</button>
          </>
        )}
      </form>
      <div role="status" class="trg-status" data-testid="report-status">
        {status?.kind === 'loading' ? t('repLoading')
          : status?.kind === 'loaded' ? t('repLoaded', { from: status.from, to: status.to })
          : status?.kind === 'badRange' ? t('repBadRange')
          : status?.kind === 'failed' && fillParts(t('repLoadFailed'), { reason: <ErrorReason error={status.error} /> })}
      </div>
      {filters.agent && agentName && <p class="report-note">{t('repAgentNote', { name: agentName })}</p>}

      {data && report && (
        <>
          <section class="report-section" aria-labelledby="headline-title">
            <h2 id="headline-title">{t('repHeadline')}</h2>
            <ul class="headlines">
              {HEADLINES.map((h) => {
                const now = h.value(report);
                const before = h.value(data.previous);
                const change = formatChange(now, before, h.kind, lang, t);
                return (
                  <li key={h.key} class="headline" data-testid={`headline-${h.key}`}>
                    <span class="headline-label">{t(h.label)}</span>
                    <span class="headline-value" data-testid="value">{formatFigure(now, h.kind, lang, t)}</span>
                    <span class={`headline-change is-${change.direction}`} data-testid="change">
                      <span aria-hidden="true">{change.direction === 'up' ? '▲ ' : change.direction === 'down' ? '▼ ' : ''}</span>
                      {change.text}
                    </span>
                    <span class="headline-previous" data-testid="previous">{t('repPrevious', { value: formatFigure(before, h.kind, lang, t) })}</span>
                  </li>
                );
              })}
            </ul>
          </section>
          <Charts data={data} />
          <ReportHeatmap counts={report.busiest_hours} timeZone={report.time_zone} filename={file('busiest-hours')} />
          <div class="report-tables">
            <ReportTable id="reasons" title={t('repReasons')} filename={file('handoff-reasons')} rows={REASONS.filter(([r]) => report.handoffs.reasons[r] > 0)} columns={[
              { key: 'reason', label: t('repReason'), value: ([, label]) => t(label) },
              { key: 'count', label: t('repCount'), numeric: true, value: ([r]) => report.handoffs.reasons[r] },
              { key: 'share', label: t('repShare'), numeric: true, value: ([r]) => shareOf(report.handoffs.reasons[r], report.handoffs.total), show: ([r]) => formatShare(shareOf(report.handoffs.reasons[r], report.handoffs.total), lang) },
            ] satisfies Array<Column<[HandoffReason, StringKey]>>} />
            <ReportTable id="ratings" title={t('repRatings')} filename={file('ratings')} rows={report.csat.ratings === 0 ? [] : (['5', '4', '3', '2', '1'] as const)} columns={[
              { key: 'score', label: t('repScore'), value: (s) => Number(s) },
              { key: 'count', label: t('repCount'), numeric: true, value: (s) => report.csat.distribution[s] },
              { key: 'share', label: t('repShare'), numeric: true, value: (s) => shareOf(report.csat.distribution[s], report.csat.ratings), show: (s) => formatShare(shareOf(report.csat.distribution[s], report.csat.ratings), lang) },
            ]} />
            <ReportTable id="agents" wide title={t('repAgents')} filename={file('agents')} rows={report.agents} columns={[
              { key: 'agent', label: t('repAgent'), value: (a) => a.agent_name ?? a.agent_id },
              { key: 'conversations', label: t('repConversations'), numeric: true, value: (a) => a.conversations, show: (a) => formatCount(a.conversations, lang) },
              { key: 'first-median', label: t('repFirstResponse'), numeric: true, value: (a) => a.first_response_seconds.median, show: (a) => formatFigure(a.first_response_seconds.median, 'seconds', lang, t) },
              { key: 'first-p90', label: t('repFirstP90'), numeric: true, value: (a) => a.first_response_seconds.p90, show: (a) => formatFigure(a.first_response_seconds.p90, 'seconds', lang, t) },
              { key: 'resolved', label: t('repResolved'), numeric: true, value: (a) => a.resolved, show: (a) => formatCount(a.resolved, lang) },
              { key: 'csat', label: t('repCsatShort'), numeric: true, value: (a) => a.csat_average, show: (a) => formatFigure(a.csat_average, 'score', lang, t) },
            ]} />
            <ReportTable id="languages" wide title={t('repLanguages')} filename={file('languages')} rows={report.languages} columns={[
              { key: 'language', label: t('repLanguage'), value: (l) => LANG_NAME.get(l.lang) ?? t('repLangUnknown') },
              { key: 'conversations', label: t('repConversations'), numeric: true, value: (l) => l.conversations, show: (l) => formatCount(l.conversations, lang) },
              { key: 'deflection', label: t('repDeflection'), numeric: true, value: (l) => l.bot_alone_rate, show: (l) => formatFigure(l.bot_alone_rate, 'share', lang, t) },
              { key: 'handoff-rate', label: t('repHandoffRate'), numeric: true, value: (l) => l.handoff_rate, show: (l) => formatFigure(l.handoff_rate, 'share', lang, t) },
              { key: 'wait-median', label: t('repWaitMedian'), numeric: true, value: (l) => l.queue_wait_median_seconds, show: (l) => formatFigure(l.queue_wait_median_seconds, 'seconds', lang, t) },
              { key: 'abandonment', label: t('repAbandonment'), numeric: true, value: (l) => l.abandonment_rate, show: (l) => formatFigure(l.abandonment_rate, 'share', lang, t) },
              { key: 'csat', label: t('repCsatShort'), numeric: true, value: (l) => l.csat_average, show: (l) => formatFigure(l.csat_average, 'score', lang, t) },
              { key: 'ratings', label: t('repRatings'), numeric: true, value: (l) => l.csat_ratings, show: (l) => formatCount(l.csat_ratings, lang) },
            ]} />
            <ReportTable id="faq" wide title={t('repFaq')} filename={file('faq')} rows={report.faq} columns={[
              { key: 'question', label: t('repQuestion'), value: (f) => data.faq_questions[f.faq_id] ?? t('repDeletedEntry', { id: f.faq_id }) },
              { key: 'shown', label: t('repShown'), numeric: true, value: (f) => f.shown, show: (f) => formatCount(f.shown, lang) },
              { key: 'helpful', label: t('repHelpful'), numeric: true, value: (f) => f.helpful, show: (f) => formatCount(f.helpful, lang) },
              { key: 'not-helpful', label: t('repNotHelpful'), numeric: true, value: (f) => f.not_helpful, show: (f) => formatCount(f.not_helpful, lang) },
              { key: 'helpful-rate', label: t('repHelpfulRate'), numeric: true, value: (f) => f.helpful_rate, show: (f) => formatFigure(f.helpful_rate, 'share', lang, t) },
            ]} />
            <ReportTable id="unanswered" wide title={t('repUnanswered')} filename={file('unanswered')} rows={data.unanswered} columns={[
              { key: 'question', label: t('repQuestion'), value: (q) => q.text },
              { key: 'asked', label: t('repAsked'), numeric: true, value: (q) => q.count, show: (q) => formatCount(q.count, lang) },
              { key: 'last', label: t('repLastAsked'), numeric: true, value: (q) => new Date(q.last_asked_at).toISOString(), show: (q) => new Date(q.last_asked_at).toLocaleString(lang) },
            ]} />
            <ReportTable id="funnel" wide title={t('repFunnel')} filename={file('prompts')} rows={data.funnel} columns={[
              { key: 'prompt', label: t('repPrompt'), value: (f) => f.name ?? f.trigger_id },
              { key: 'shown', label: t('repShown'), numeric: true, value: (f) => f.shown, show: (f) => formatCount(f.shown, lang) },
              { key: 'clicked', label: t('repClicked'), numeric: true, value: (f) => f.clicked, show: (f) => formatCount(f.clicked, lang) },
              { key: 'conversations', label: t('repConversations'), numeric: true, value: (f) => f.conversations, show: (f) => formatCount(f.conversations, lang) },
              { key: 'handoffs', label: t('repHandoffs'), numeric: true, value: (f) => f.handoffs, show: (f) => formatCount(f.handoffs, lang) },
            ]} />
            <ReportTable id="daily" wide title={t('repDaily')} filename={file('daily')} rows={data.daily} columns={[
              { key: 'date', label: t('repDate'), value: (d) => d.date },
              { key: 'conversations', label: t('repConversations'), numeric: true, value: (d) => d.conversations, show: (d) => formatCount(d.conversations, lang) },
              { key: 'handoffs', label: t('repHandoffs'), numeric: true, value: (d) => d.handoffs, show: (d) => formatCount(d.handoffs, lang) },
              { key: 'wait-median', label: t('repWaitMedian'), numeric: true, value: (d) => d.wait_median_seconds, show: (d) => formatFigure(d.wait_median_seconds, 'seconds', lang, t) },
              { key: 'wait-p90', label: t('repWaitP90'), numeric: true, value: (d) => d.wait_p90_seconds, show: (d) => formatFigure(d.wait_p90_seconds, 'seconds', lang, t) },
            ]} />
          </div>
        </>
      )}
    </main>
  );
}

function shareOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

function Charts({ data }: { data: Dashboard }): JSX.Element {
  const { t } = useI18n();
  const dates = useMemo(() => data.daily.map((d) => d.date), [data]);
  const volume = useMemo<ChartSeries[]>(() => [
    { label: t('repConversations'), values: data.daily.map((d) => d.conversations), color: '#1c57b8' },
    { label: t('repHandoffs'), values: data.daily.map((d) => d.handoffs), color: '#b45309' },
  ], [data, t]);
  const waits = useMemo<ChartSeries[]>(() => [
    { label: t('repWaitMedianShort'), values: data.daily.map((d) => (d.wait_median_seconds === null ? null : d.wait_median_seconds / 60)), color: '#1c57b8' },
    { label: t('repWaitP90Short'), values: data.daily.map((d) => (d.wait_p90_seconds === null ? null : d.wait_p90_seconds / 60)), color: '#b45309' },
  ], [data, t]);
  const hint = t('repChartHint', { table: t('repDaily') });
  return (
    <div class="report-charts">
      <ReportChart id="chart-volume" title={t('repChartVolume')} description={hint} dates={dates} series={volume} />
      <ReportChart id="chart-waits" title={t('repChartWaits')} description={hint} dates={dates} series={waits} />
    </div>
  );
}
