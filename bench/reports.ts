// Report query speed at a busy shop's size: a year of history, 500,000 conversations and
// 5 million messages by default, generated into a fresh SQLite file, then each report query
// timed for the last 30 days and the whole year. Prints Markdown (docs/benchmarks.md keeps
// the last run).
//
//   npm run bench:reports [-- --conversations N --messages-per N --db PATH --reuse]
//
// The history is generated in bulk with prepared statements inside transactions, straight
// into the tables (visitors, conversations, messages, conversation_events, and the
// conversation_facts rows the store's recorder would keep for those events), from a seeded
// generator, so every run builds the same database.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { HandoffReason } from '../server/protocol.js';
import { buildDashboard } from '../server/reports/dashboard.js';
import { buildReport, warmDays } from '../server/reports/query.js';
import { computeMetrics } from '../server/reports/metrics.js';
import { dayRange, formatDate, parseDate, type LocalDate } from '../server/reports/time.js';
import { createSite } from '../server/sites.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import type { Store } from '../server/store/types.js';
import { seeded } from '../tests/helpers/seeded.js';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '500000' },
    'messages-per': { type: 'string', default: '10' },
    db: { type: 'string', default: '.tmp/bench-reports.sqlite' },
    reuse: { type: 'boolean', default: false },
  },
});
const CONVERSATIONS = Number(values.conversations);
const MESSAGES_PER = Number(values['messages-per']);
const DB = path.resolve(values.db!);
const RUNS = 7;
const DAY = 86_400_000;
const YEAR_START = Date.UTC(2025, 0, 1);
const AGENTS = 20;
const FAQ_ENTRIES = 40;
const TIME_ZONE = 'Europe/London';
/** Shoppers write mostly from late morning to late evening. */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 6, 7, 7, 6, 4, 2];

interface Generated { seconds: number; conversations: number; messages: number; events: number }

async function generate(): Promise<Generated> {
  rmSync(DB, { force: true });
  rmSync(`${DB}-wal`, { force: true });
  rmSync(`${DB}-shm`, { force: true });
  mkdirSync(path.dirname(DB), { recursive: true });
  const store = openSqliteStore({ path: DB });
  const site = await createSite(store, { name: 'Busy Shop', origins: ['https://busy.example'] });
  const agents: string[] = [];
  for (let a = 0; a < AGENTS; a++) agents.push((await store.createAgent({ email: `agent${a}@busy.example`, name: `Agent ${a}`, passwordHash: 'x' })).id);
  await store.close();

  const db = new Database(DB);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const started = performance.now();
  const ins = {
    visitor: db.prepare('INSERT INTO visitors (id, site_id, created_at, last_seen_at, lang) VALUES (?, ?, ?, ?, ?)'),
    conversation: db.prepare(`INSERT INTO conversations (id, site_id, visitor_id, status, last_seq, created_at, last_activity_at, closed_at,
      handoff_at, handoff_reason, first_agent_reply_at, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    message: db.prepare(`INSERT INTO messages (id, conversation_id, seq, sender, client_id, author, agent_id, body, created_at, meta)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    event: db.prepare('INSERT INTO conversation_events (site_id, conversation_id, type, at, agent_id, data) VALUES (?, ?, ?, ?, ?, ?)'),
    facts: db.prepare(`INSERT INTO conversation_facts (conversation_id, site_id, started_at, started_by, bot_answers, handoff_at, handoff_reason,
      queued_at, assigned_at, abandoned_at, first_agent_reply_at, first_reply_agent_id, agent_id, transfers, resolved_at, reopens, rating, lang)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`),
  };
  const random = seeded(6);
  // Languages from a generator of their own, so the rest of the year is the one generated
  // before conversations had a language (comparable runs across that change).
  const langRandom = seeded(14);
  const langOf = (): string | null => {
    const r = langRandom();
    return r < 0.35 ? 'en' : r < 0.6 ? 'zh-TW' : r < 0.75 ? 'zh-CN' : r < 0.95 ? 'th' : null;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const totalWeight = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  const hourOfDay = (): number => {
    let r = random() * totalWeight;
    for (let h = 0; h < 24; h++) if ((r -= HOUR_WEIGHTS[h]!) < 0) return h;
    return 23;
  };
  const exp = (mean: number): number => Math.round(-Math.log(1 - random()) * mean);
  let messages = 0;
  let events = 0;

  const one = (i: number): void => {
    const id = `c${i}`;
    const visitor = `v${i}`;
    const t0 = YEAR_START + Math.floor(random() * 365) * DAY + hourOfDay() * 3_600_000 + Math.floor(random() * 3_600_000);
    const by = random() < 0.1 ? 'trigger' : 'shopper';
    const event = (type: string, at: number, agent: string | null = null, data: object | null = null): void => {
      ins.event.run(site.id, id, type, at, agent, data === null ? null : JSON.stringify(data));
      events++;
    };
    const startLang = langOf();
    event('started', t0, null, startLang === null ? { by } : { by, lang: startLang });
    // One in twenty shoppers writes in another language than the widget started in.
    const lang = langRandom() < 0.05 ? 'th' : startLang;
    if (lang !== startLang) event('lang_changed', t0 + 1000, null, { lang });
    let t = t0 + 2000;
    const botAnswers = random() < 0.75 ? 1 + (random() < 0.3 ? 1 : 0) : 0;
    let reason: HandoffReason | null = null;
    const faqIds: string[] = [];
    for (let b = 0; b < botAnswers; b++) {
      const faqId = `faq-${Math.floor(random() * random() * FAQ_ENTRIES)}`;
      faqIds.push(faqId);
      event('bot_answered', t, null, { faqId });
      const r = random();
      if (r < 0.3) event('bot_helpful', t + 8000, null, { faqId });
      else if (r < 0.4) {
        event('bot_not_helpful', t + 8000, null, { faqId });
        reason = 'not_helpful';
        break;
      }
      t += 30_000;
    }
    if (reason === null && (botAnswers === 0 || random() < 0.15)) reason = pick(['asked', 'no_match', 'declined'] as const);
    let handoffAt: number | null = null;
    let assignedAt: number | null = null;
    let abandonedAt: number | null = null;
    let replyAt: number | null = null;
    let agent: string | null = null;
    let resolvedAt: number | null = null;
    let reopens = 0;
    let rating: number | null = null;
    if (reason !== null) {
      handoffAt = t + 10_000;
      event('handed_off', handoffAt, null, { reason });
      event('queued', handoffAt);
      const wait = exp(90_000);
      if (random() < 0.08) {
        abandonedAt = handoffAt + 30_000 + exp(200_000);
        event('abandoned', abandonedAt);
      } else {
        agent = pick(agents);
        assignedAt = handoffAt + wait;
        event('assigned', assignedAt, agent);
        replyAt = assignedAt + 5000 + exp(30_000);
        event('first_agent_reply', replyAt, agent);
        resolvedAt = replyAt + 60_000 + exp(random() < 0.85 ? 3_600_000 : 40 * 3_600_000);
        if (random() < 0.05) {
          event('resolved', resolvedAt);
          event('reopened', resolvedAt + 3_600_000);
          reopens = 1;
          resolvedAt += 2 * 3_600_000;
        }
        event('resolved', resolvedAt, agent);
        if (random() < 0.35) {
          rating = pick([5, 5, 5, 4, 4, 3, 2, 1]);
          event('rated', resolvedAt + 60_000, null, { score: rating });
        }
      }
    }
    ins.facts.run(id, site.id, t0, by, botAnswers, handoffAt, reason, handoffAt, assignedAt, abandonedAt, replyAt, agent, agent, resolvedAt, reopens, rating, lang);
    ins.visitor.run(visitor, site.id, t0, t0, lang);
    ins.conversation.run(id, site.id, visitor, resolvedAt === null ? 'open' : 'closed', MESSAGES_PER, t0, resolvedAt ?? t0 + MESSAGES_PER * 20_000,
      resolvedAt, handoffAt, reason, replyAt, lang);
    for (let seq = 1; seq <= MESSAGES_PER; seq++) {
      // Shopper and bot turns first, then the agent's when there is one.
      const fromAgent = agent !== null && seq > MESSAGES_PER / 2 && seq % 2 === 0;
      const fromBot = !fromAgent && seq % 2 === 0;
      const at = t0 + seq * 20_000;
      const faqId = faqIds[seq / 2 - 1];
      const meta = fromBot && faqId ? JSON.stringify({ kind: 'answer', faqId, feedback: null }) : null;
      const author = fromAgent ? 'agent' : fromBot ? 'bot' : 'visitor';
      const sender = fromAgent ? `a:${agent}` : fromBot ? `b:${id}` : `v:${visitor}`;
      ins.message.run(`${id}m${seq}`, id, seq, sender, `${id}-${seq}`, author, fromAgent ? agent : null,
        `Message ${seq} of conversation ${i}: about the order, delivery and returns.`, at, meta);
      messages++;
    }
  };

  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) one(i);
  });
  for (let i = 0; i < CONVERSATIONS; i += 10_000) {
    batch(i, Math.min(CONVERSATIONS, i + 10_000));
    if (i % 100_000 === 0) process.stderr.write(`  ${i} conversations, ${Math.round((performance.now() - started) / 1000)} s\n`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  return { seconds: (performance.now() - started) / 1000, conversations: CONVERSATIONS, messages, events };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(s.length / 2) - 1]!;
}

async function time(run: () => Promise<unknown>): Promise<{ median: number; max: number; cpu: number }> {
  await run(); // warm the page cache and the statements
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
    cpu.push(cpuMs(c));
  }
  return { median: median(ms), max: Math.max(...ms), cpu: median(cpu) };
}

/** CPU time (user + system) of this process since `since`, in ms: less swayed than the clock by other work on a shared machine. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  let generated: Generated | null = null;
  if (!(values.reuse && existsSync(DB))) generated = await generate();
  const store: Store = openSqliteStore({ path: DB });
  const site = (await store.listSites()).find((s) => s.name === 'Busy Shop')!;
  const last: LocalDate = { year: 2025, month: 12, day: 31 };
  const ranges: Array<[string, LocalDate]> = [['30 days', parseDate('2025-12-02')], ['365 days', parseDate('2025-01-01')]];
  const rows: string[] = [];
  // The machine is shared: its load beside the figures (1-minute average, 2 cores).
  const loadBefore = os.loadavg()[0]!;
  const firstAgent = (await store.listAgents())[0]!.id;
  for (const [label, from] of ranges) {
    const { start, end } = dayRange(from, last, TIME_ZONE);
    const facts = await store.reportFacts(site.id, start, end);
    const faq = await store.reportFaqCounts(site.id, start, end);
    const report = () => buildReport(store, { siteKey: site.key, from, to: last, timeZone: TIME_ZONE });
    const dashboard = () => buildDashboard(store, { siteKey: site.key, from, to: last, timeZone: TIME_ZONE });
    // The first report after the day cache is emptied computes every day and caches it.
    const raw = new Database(DB);
    raw.exec('DELETE FROM report_days');
    raw.close();
    const coldStart = performance.now();
    const coldCpu = process.cpuUsage();
    await report();
    const cold = performance.now() - coldStart;
    const coldCpuMs = cpuMs(coldCpu);
    // The background warmer (server/reports/warmer.ts) over the same days, cache emptied: its
    // total, and its longest turn between two yields (how long it holds the event loop).
    const empty = new Database(DB);
    empty.exec('DELETE FROM report_days');
    empty.close();
    let turnStart = performance.now();
    let longestTurn = 0;
    const warmStart = performance.now();
    const warmCpu = process.cpuUsage();
    await warmDays(store, site.id, Math.ceil(start / DAY), Math.floor(end / DAY), async () => {
      longestTurn = Math.max(longestTurn, performance.now() - turnStart);
      await new Promise((r) => setImmediate(r));
      turnStart = performance.now();
    });
    const warmTotal = performance.now() - warmStart;
    const warmCpuMs = cpuMs(warmCpu);
    const timings = {
      'facts (SQL, conversation_facts), whole range': await time(() => store.reportFacts(site.id, start, end)),
      'FAQ counts (SQL, conversation_events), whole range': await time(() => store.reportFaqCounts(site.id, start, end)),
      'figures (computeMetrics), whole range': await time(async () => computeMetrics(facts, faq, TIME_ZONE)),
      'whole report, day cache empty (first run)': { median: cold, max: cold, cpu: coldCpuMs },
      'background warmer, cache empty: all days (median column: total; max: its longest turn)': { median: warmTotal, max: longestTurn, cpu: warmCpuMs },
      '**whole report (buildReport), days cached**': await time(report),
      '**console dashboard (buildDashboard: report, previous period, daily series, funnel, unanswered), days cached**': await time(dashboard),
      '**console dashboard, one agent chosen** (their cached days, report_agent_days), days cached': await time(() => buildDashboard(store, { siteKey: site.key, from, to: last, timeZone: TIME_ZONE, agentId: firstAgent })),
    };
    for (const [what, t] of Object.entries(timings)) {
      rows.push(`| ${label} (${formatDate(from)} – 2025-12-31, ${facts.length.toLocaleString('en')} conversations) | ${what} | ${t.median.toFixed(1)} | ${t.max.toFixed(1)} | ${t.cpu.toFixed(1)} |`);
    }
  }
  const loadAfter = os.loadavg()[0]!;
  await store.close();
  const size = statSync(DB).size;
  const counts = new Database(DB, { readonly: true });
  const count = (table: string): number => (counts.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const stored = { conversations: count('conversations'), messages: count('messages'), events: count('conversation_events'), facts: count('conversation_facts') };
  counts.close();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`### Reports (\`npm run bench:reports\`)

${cpu}, ${os.cpus().length} cores, Node ${process.version}. Database: ${stored.conversations.toLocaleString('en')} conversations,
${stored.messages.toLocaleString('en')} messages, ${stored.events.toLocaleString('en')} conversation events, ${stored.facts.toLocaleString('en')} facts rows
over one year (2025), one site, ${AGENTS} agents, ${FAQ_ENTRIES} FAQ entries; ${(size / 1e9).toFixed(2)} GB.
${generated ? `Generated in ${generated.seconds.toFixed(0)} s.` : 'Reused an existing database.'} Time zone ${TIME_ZONE}; each query run ${RUNS} times after one warm-up.
Load average (1 min) when the queries began ${loadBefore.toFixed(2)}, when they ended ${loadAfter.toFixed(2)}.

| range | query | median ms | max ms | median CPU ms |
|---|---|---:|---:|---:|
${rows.join('\n')}
`);
}

await main();
