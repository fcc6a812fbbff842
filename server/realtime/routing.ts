// The human side on the sockets: the console's queue, status, claim, transfer, resolve,
// notes, canned replies and shopper panel events, and the fan-out of routing changes
// (queue places to waiting shoppers, loads to agents, "anyone online?" to every widget).
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import type { ConversationService } from '../conversations.js';
import { deskbellError } from '../errors.js';
import type { EventBus } from '../events.js';
import {
  CannedDelete,
  CannedSave,
  AgentTranscript,
  ConversationRef,
  EmptyPayload,
  NoteAdd,
  SetStatus,
  Search,
  SiteHours,
  SiteConsent,
  SiteOrigins,
  SiteRef,
  SiteRouting,
  SiteTheme,
  Transfer,
  TransferTeam,
  type NoteView,
  type SiteSettingsView,
} from '../protocol.js';
import type { RefusedOrigins } from '../refused-origins.js';
import { requireManager } from '../roles.js';
import { formatHours, parseHours } from '../routing/hours.js';
import { changeTheme, normaliseOrigin } from '../sites.js';
import type { IdentifyService } from '../routing/identify.js';
import { transcript } from '../routing/transcript.js';
import type { Router } from '../routing/router.js';
import type { ShopperPanels } from '../routing/shopper-panel.js';
import type { Note } from '../store/routing-types.js';
import type { Agent, Store } from '../store/types.js';
import type { AgentNamespace } from './agent.js';
import { handle } from './guard.js';
import { rooms } from './rooms.js';
import type { VisitorNamespace } from './visitor.js';

export function noteView(n: Note): NoteView {
  return { id: n.id, conversationId: n.conversationId, agentName: n.agentName, body: n.body, createdAt: n.createdAt };
}

export interface RoutingHandlerDeps {
  store: Store;
  router: Router;
  conversations: ConversationService;
  panels: ShopperPanels;
  events: EventBus;
  identify: IdentifyService;
  log: FastifyBaseLogger;
  refusedOrigins: RefusedOrigins;
  publicUrl: string | null;
}

/** The console events of the workbench, for one agent socket. */
export function registerRoutingHandlers(socket: Socket, agent: Agent, deps: RoutingHandlerDeps): void {
  const { store, router, conversations, log } = deps;
  // The agent row changes (capacity, away) while connected: read it fresh for each decision.
  const fresh = async (): Promise<Agent> => (await store.getAgent(agent.id)) ?? agent;

  handle(socket, 'agent:status', SetStatus, log, async (req) => {
    await router.setAway(await fresh(), req.status === 'away');
    return { agents: await router.agentsView() };
  });
  handle(socket, 'agents:list', EmptyPayload, log, async () => ({ agents: await router.agentsView() }));
  handle(socket, 'conversation:claim', ConversationRef, log, async (req) => {
    await router.claim(await fresh(), req.conversationId);
    return { conversation: await conversations.summary(req.conversationId) };
  });
  handle(socket, 'conversation:transfer', Transfer, log, async (req) => {
    await router.transfer(await fresh(), req.conversationId, req.agentId, req.note ?? null);
    return { conversation: await conversations.summary(req.conversationId) };
  });
  handle(socket, 'conversation:team', TransferTeam, log, async (req) => {
    await router.sendToTeam(await fresh(), req.conversationId, req.team, req.note ?? null);
    return { conversation: await conversations.summary(req.conversationId) };
  });
  handle(socket, 'conversation:resolve', ConversationRef, log, async (req) => ({
    conversation: await conversations.resolve(req.conversationId, agent),
  }));
  handle(socket, 'notes:list', ConversationRef, log, async (req) => ({
    notes: (await store.listNotes(req.conversationId)).map(noteView),
  }));
  handle(socket, 'note:add', NoteAdd, log, async (req) => {
    const body = req.body.toWellFormed().trim();
    if (!body) throw deskbellError('DESKBELL_MESSAGE_EMPTY');
    const note = await store.addNote(req.conversationId, agent.id, body);
    deps.events.emit('note:added', { note });
    return { note: noteView(note) };
  });
  handle(socket, 'shopper:panel', ConversationRef, log, async (req) => ({ panel: await deps.panels.panel(req.conversationId) }));
  handle(socket, 'canned:list', EmptyPayload, log, async () => ({ replies: await store.listCannedReplies() }));
  handle(socket, 'canned:save', CannedSave, log, async (req) => {
    // Only a file an agent uploaded (the console's upload route): never a shopper's.
    const file = req.attachmentId ? await store.getAttachment(req.attachmentId) : null;
    if (req.attachmentId && !file?.uploader.startsWith('a:')) throw deskbellError('DESKBELL_ATTACHMENT_NOT_FOUND', req.attachmentId);
    return { reply: await store.saveCannedReply(req) };
  });
  handle(socket, 'canned:delete', CannedDelete, log, async (req) => {
    await store.deleteCannedReply(req.id);
    return {};
  });
  const settings = async (siteKey: string): Promise<SiteSettingsView> => {
    const site = await store.getSiteByKey(siteKey);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', siteKey);
    // The secret lets whoever has it sign any customer's identity: managers only.
    const manager = (await fresh()).role === 'manager';
    return {
      key: site.key, name: site.name, routing: site.routing, identitySecret: manager ? await deps.identify.secret(site.id) : null,
      hours: site.hours ? { timeZone: site.hours.timeZone, text: formatHours(site.hours) } : null,
      consent: site.theme.consent,
      theme: { accentColor: site.theme.accentColor, position: site.theme.position, greeting: site.theme.greeting, defaultLang: site.theme.defaultLang },
      origins: site.origins,
      refusedOrigins: manager ? deps.refusedOrigins.list(site.id) : [],
      publicUrl: deps.publicUrl,
    };
  };
  handle(socket, 'conversations:search', Search, log, async (req) => {
    const ids = await store.searchConversations(req.text.trim() || req.text, req.limit ?? 50);
    return { conversations: await Promise.all(ids.map((id) => conversations.summary(id))) };
  });
  handle(socket, 'site:settings', SiteRef, log, async (req) => ({ settings: await settings(req.siteKey) }));
  handle(socket, 'conversation:transcript', AgentTranscript, log, (req) => transcript(store, req.conversationId, req.lang));
  handle(socket, 'site:hours', SiteHours, log, async (req) => {
    requireManager(await fresh(), 'change business hours');
    const site = await store.getSiteByKey(req.siteKey);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', req.siteKey);
    await store.updateSite(site.id, { hours: req.hours ? parseHours(req.hours.text, req.hours.timeZone) : null });
    return { settings: await settings(req.siteKey) };
  });
  handle(socket, 'site:consent', SiteConsent, log, async (req) => {
    requireManager(await fresh(), 'change the consent mode');
    const site = await store.getSiteByKey(req.siteKey);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', req.siteKey);
    await store.updateSite(site.id, { theme: { ...site.theme, consent: req.consent } });
    return { settings: await settings(req.siteKey) };
  });
  handle(socket, 'site:theme', SiteTheme, log, async ({ siteKey, ...change }) => {
    requireManager(await fresh(), "change the widget's look");
    const site = await store.getSiteByKey(siteKey);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', siteKey);
    await store.updateSite(site.id, { theme: changeTheme(site.theme, change) });
    return { settings: await settings(siteKey) };
  });
  handle(socket, 'site:origins', SiteOrigins, log, async (req) => {
    requireManager(await fresh(), 'change which domains may show the chat');
    const site = await store.getSiteByKey(req.siteKey);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', req.siteKey);
    // normaliseOrigin's refusal names the entry and shows the form (https://shop.example).
    const origins = [...new Set(req.origins.map(normaliseOrigin))];
    await store.updateSite(site.id, { origins });
    deps.refusedOrigins.forget(site.id, origins);
    return { settings: await settings(req.siteKey) };
  });
  handle(socket, 'site:routing', SiteRouting, log, async (req) => {
    requireManager(await fresh(), 'change how conversations are routed');
    const site = await store.getSiteByKey(req.siteKey);
    if (!site) throw deskbellError('DESKBELL_SITE_UNKNOWN', req.siteKey);
    await store.updateSite(site.id, { routing: req.mode });
    // Switching to automatic serves whoever is waiting now.
    router.kick();
    return { settings: await settings(req.siteKey) };
  });
}

/** How often, at most, waiting shoppers are re-sent their places and agents the team's loads. */
export const FANOUT_INTERVAL_MS = 250;
const FANOUT_SLICE = 20;

/** Routing changes → the sockets that should hear them. Bursts are coalesced (FANOUT_INTERVAL_MS). */
export function fanOutRouting(
  deps: { events: EventBus; router: Router; conversations: ConversationService; log: FastifyBaseLogger },
  visitorNsp: VisitorNamespace,
  agentNsp: AgentNamespace,
  announce: (conversationId: string, visitorId: string) => Promise<void>,
  isClosing: () => boolean,
): void {
  const { events, router, conversations, log } = deps;
  const sites = new Set<string>();
  let agentsDirty = false;
  let scheduled = false;

  const flush = async (): Promise<void> => {
    if (isClosing()) return;
    try {
      if (agentsDirty) {
        agentsDirty = false;
        agentNsp.to(rooms.agents).emit('agents:update', { agents: await router.agentsView() });
      }
      const siteIds = [...sites];
      sites.clear();
      for (const siteId of siteIds) {
        // Every waiting shopper of the site gets their new place (and the console the new positions).
        const ids = await router.queueIds(siteId);
        for (const [i, id] of ids.entries()) {
          const conversation = await deps.conversations.summary(id);
          await announce(conversation.id, conversation.visitorId);
          // Let sockets be served between slices: a long line's fan-out is many synchronous
          // queries, which would otherwise hold every other message back until it ends.
          if (i % FANOUT_SLICE === FANOUT_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } catch (err) {
      log.error({ err }, 'routing fan-out failed');
    }
  };
  // At most one fan-out per FANOUT_INTERVAL_MS, never two at once: each re-sends every waiting
  // shopper's place (several queries each), so a burst of hand-offs (a flash sale with nobody
  // online) answered one by one would cost the queue's length squared. The shopper whose own
  // conversation changed hears at once through `conversation:changed`; the others' places may
  // lag by up to the interval.
  let running = false;
  let lastRun = -Infinity;
  const run = async (): Promise<void> => {
    scheduled = false;
    if (running) return; // the running fan-out reschedules when it ends
    running = true;
    lastRun = performance.now();
    try {
      await flush();
    } finally {
      running = false;
      if (isClosing()) {
        sites.clear();
        agentsDirty = false;
      } else if (sites.size > 0 || agentsDirty) schedule();
    }
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    const wait = lastRun + FANOUT_INTERVAL_MS - performance.now();
    if (wait <= 0) setImmediate(() => void run());
    else setTimeout(() => void run(), wait);
  };

  events.on('queue:changed', ({ siteId }) => {
    sites.add(siteId);
    schedule();
  });
  events.on('agents:changed', () => {
    agentsDirty = true;
    schedule();
  });
  events.on('availability:changed', ({ agentsOnline }) => {
    if (!isClosing()) visitorNsp.emit('agents:availability', { agentsOnline });
  });
  events.on('conversation:assigned', ({ conversation, agentId, note, by, self }) => {
    void conversations.summary(conversation.id).then(
      (summary) => agentNsp.to(rooms.agent(agentId)).emit('conversation:assigned', { conversation: summary, note, by, self }),
      (err: unknown) => log.error({ err }, 'assignment announcement failed'),
    );
  });
  events.on('note:added', ({ note }) => {
    agentNsp.to(rooms.agents).emit('note:new', noteView(note));
  });
}
