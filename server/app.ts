// Builds the whole server — Fastify, Socket.IO, store, services — without listening.
// The CLI and the tests both start from here (tests on an ephemeral port and a temp db).
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifySchema, type FastifyServerOptions } from 'fastify';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Server as IoServer } from 'socket.io';
import { AgentService } from './agents.js';
import { AttachmentFiles } from './attachments/files.js';
import { AttachmentService } from './attachments/service.js';
import { UploadSweeper, type UploadSweepOptions } from './attachments/sweeper.js';
import { BackupScheduler, type BackupScheduleOptions } from './backup/schedule.js';
import { ConversationService } from './conversations.js';
import { BotService } from './bot.js';
import { EventBus } from './events.js';
import { FaqRegistry } from './faq/registry.js';
import { registerAttachments } from './http/attachments.js';
import { registerAuth } from './http/auth.js';
import { registerBackups } from './http/backups.js';
import { registerConsoleFaq } from './http/console-faq.js';
import { registerConsoleTriggers } from './http/console-triggers.js';
import { registerConsoleReports } from './http/console-reports.js';
import { frameworkErrors, registerErrorHandling } from './http/errors.js';
import { registerIpLimit } from './http/ip-limit.js';
import { registerHealth } from './http/health.js';
import { registerStatic } from './http/static.js';
import { registerWidgetBeacon } from './http/widget-beacon.js';
import { registerWidgetConfig } from './http/widget-config.js';
import { registerWidgetFaq } from './http/widget-faq.js';
import { registerWidgetStatus } from './http/widget-status.js';
import { randomId, systemClock, type Clock } from './ids.js';
import { DEFAULT_IP_LIMITS, IpLimiter, type IpLimitOptions } from './ip-limits.js';
import { Presence } from './presence.js';
import { EmailReplies, type SmtpOptions } from './routing/email-replies.js';
import { AbandonWatch } from './reports/abandonment.js';
import { ReportWarmer } from './reports/warmer.js';
import { Router } from './routing/router.js';
import { createRealtime } from './realtime/index.js';
import { RefusedOrigins } from './refused-origins.js';
import { openSqliteStore } from './store/sqlite.js';
import type { Store } from './store/types.js';

export interface AppOptions {
  dbPath: string;
  /** Serve /demo/ from this folder (demo mode). */
  demoDir?: string | null;
  /** Where the built widget and console are; defaults to dist/public. */
  publicDir?: string;
  logger?: FastifyServerOptions['logger'];
  clock?: Clock;
  /** Set the session cookie's Secure flag (behind HTTPS). */
  secureCookies?: boolean;
  trustProxy?: boolean;
  /** Refuse writes past this database size (`--max-db-mb`): "not stored" instead of a full disk. */
  maxDbBytes?: number;
  /** Per-address limit on the public widget routes and on new socket connections. */
  ipLimits?: IpLimitOptions;
  /** How long an agent may be disconnected before their conversations are requeued (default 60 s). */
  graceMs?: number;
  /** Send agents' replies to left messages by email (absent: they wait for the shopper's return). */
  smtp?: SmtpOptions;
  /** How long a queued shopper may be disconnected before their wait counts as abandoned (default 5 min). */
  abandonAfterMs?: number;
  /** Uploads never sent are removed after `graceMs` (default 24 h), checked every `intervalMs` (1 h). */
  uploadSweep?: UploadSweepOptions;
  /** Scheduled backups into a folder (`--backup-dir`); absent: none (cron and `deskbell backup` instead). */
  backups?: BackupScheduleOptions;
  /** The URL shoppers reach this server at (`--public-url`), for the script tag the console shows. */
  publicUrl?: string;
}

export interface Deskbell {
  app: FastifyInstance;
  io: IoServer;
  store: Store;
  agents: AgentService;
  conversations: ConversationService;
  registry: FaqRegistry;
  presence: Presence;
  events: EventBus;
  router: Router;
  attachments: AttachmentService;
  uploadSweeper: UploadSweeper;
  /** Null without `options.backups`. */
  backups: BackupScheduler | null;
  /** Every HTTP route, as registered: the fuzz suite and the docs check walk this list. */
  routes: RouteEntry[];
}

export interface RouteEntry {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
}

const root = fileURLToPath(new URL('..', import.meta.url));
// Works from the source tree (server/app.ts) and from the build (dist/server/app.js).
const projectRoot = root.endsWith('/dist/') ? fileURLToPath(new URL('../..', import.meta.url)) : root;
export const VERSION = (JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { version: string }).version;
export const DEFAULT_PUBLIC_DIR = `${projectRoot}dist/public`;
export const SERVER_BUSY_TIMEOUT_MS = 250;
/** How long a shutdown lets requests in flight finish before their connections are cut. */
const SHUTDOWN_DRAIN_MS = 10_000;
export const DEFAULT_DEMO_DIR = `${projectRoot}demo`;

export async function buildApp(options: AppOptions): Promise<Deskbell> {
  const clock = options.clock ?? systemClock;
  // 250 ms: a lock held longer by another process gets "not stored, retry" (DESKBELL_STORAGE)
  // rather than a frozen server; see docs/decisions/storage.md.
  const store = openSqliteStore({ path: options.dbPath, clock, newId: randomId, busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS, maxBytes: options.maxDbBytes });
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    frameworkErrors,
  });
  // Only JSON bodies: a text/plain POST is a "simple" cross-site request browsers send
  // without asking, so refusing it closes a CSRF path.
  app.removeContentTypeParser('text/plain');
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, schema: route.schema });
  });

  const events = new EventBus();
  const presence = new Presence();
  const visitorTokenSecret = await store.getOrCreateSecret('visitor-token', () => randomId() + randomId() + randomId());
  const agents = new AgentService(store, clock, events);
  const registry = new FaqRegistry(store);
  const router = new Router({
    store, clock, events, presence, log: app.log, graceMs: options.graceMs,
    hasBot: async (siteId) => (await registry.entries(siteId)).some((e) => e.enabled),
  });
  const bot = new BotService({ store, registry, events, presence, queue: router });
  const attachments = new AttachmentService(store, await AttachmentFiles.open(options.dbPath));
  const uploadSweeper = new UploadSweeper({ store, files: attachments.files, clock, log: app.log }, options.uploadSweep);
  const email = options.smtp ? await EmailReplies.create(options.smtp, { store, presence, events, clock, log: app.log }) : null;
  const conversations = new ConversationService({ store, clock, events, presence, visitorTokenSecret, bot, router, attachments, ...(email ? { replyEmails: email } : {}) });
  const abandon = new AbandonWatch({ store, presence, clock, log: app.log, ...(options.abandonAfterMs === undefined ? {} : { afterMs: options.abandonAfterMs }) });
  presence.onVisitorChange((id, online) => abandon.visitorChanged(id, online));
  const warmer = new ReportWarmer({ store, clock, log: app.log });
  const backups = options.backups ? new BackupScheduler({ dbPath: options.dbPath, clock, log: app.log }, Object.freeze({ ...options.backups })) : null;

  await app.register(fastifyCookie);
  registerErrorHandling(app);
  const ipLimits = options.ipLimits ?? DEFAULT_IP_LIMITS;
  registerIpLimit(app, new IpLimiter(ipLimits, () => clock.now()));
  registerHealth(app, store, VERSION, () => clock.now());
  const refusedOrigins = new RefusedOrigins();
  registerWidgetConfig(app, store, presence, registry, refusedOrigins);
  registerWidgetFaq(app, store, registry);
  registerAuth(app, agents, { secureCookies: options.secureCookies ?? false, now: () => clock.now() });
  await registerConsoleFaq(app, { agents, store, registry, clock });
  registerWidgetBeacon(app, store);
  await registerWidgetStatus(app, store, conversations);
  await registerAttachments(app, { store, agents, conversations, attachments });
  await registerConsoleTriggers(app, { agents, store });
  await registerConsoleReports(app, { agents, store });
  await registerBackups(app, { agents, backups });
  await registerStatic(app, { publicDir: options.publicDir ?? DEFAULT_PUBLIC_DIR, demoDir: options.demoDir ?? null });

  const closing = { value: false };
  const io = createRealtime({
    httpServer: app.server, store, agents, conversations, bot, presence, events, router, log: app.log,
    now: () => clock.now(),
    isClosing: () => closing.value,
    ipLimiter: new IpLimiter(ipLimits, () => clock.now()),
    emailReplies: email !== null,
    refusedOrigins,
    publicUrl: options.publicUrl ?? null,
    trustProxy: options.trustProxy ?? false,
    onShutdown: (stop) => app.addHook('preClose', async () => stop()),
  });

  // Shutdown order: stop sockets, let Fastify finish in-flight requests, then close the db.
  app.addHook('preClose', async () => {
    closing.value = true;
    // Close the transports (long-polls too, which would hold Fastify's close open) without
    // a Socket.IO "disconnect" packet: clients then see a lost connection and reconnect
    // on their own to the restarted server. Not io.close(): it would close the HTTP
    // server a second time (Fastify owns it).
    io.engine.close();
  });
  app.addHook('preClose', async () => {
    // First: a backup being written is abandoned (its copying thread stopped, its temporary
    // files removed) rather than holding the shutdown up.
    await backups?.stop();
    router.stop();
    await router.settled();
    await abandon.stop();
    await warmer.stop();
    await uploadSweeper.stop();
  });
  // Node's server.close() closes the keep-alive connections that are idle at that moment and
  // waits for the rest. A connection still answering a request then (or a response the
  // client has read but Node has not yet marked finished) turns idle a moment later, and
  // nothing closes it: the shutdown waited for the client to drop it — 70 s for fetch, 72 s
  // (our keep-alive timeout) for a browser. So, from the start of the shutdown: close
  // connections as they turn idle, and cut those still busy after SHUTDOWN_DRAIN_MS.
  app.addHook('preClose', async () => {
    const server = app.server;
    const idle = setInterval(() => server.closeIdleConnections(), 100).unref();
    const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_DRAIN_MS).unref();
    server.once('close', () => {
      clearInterval(idle);
      clearTimeout(cut);
    });
  });
  app.addHook('onClose', async () => {
    await email?.close();
    await store.close();
  });

  await router.start();
  await abandon.start();
  warmer.start();
  email?.start();
  uploadSweeper.start();
  backups?.start();
  return { app, io, store, agents, conversations, registry, presence, events, router, attachments, uploadSweeper, backups, routes };
}
