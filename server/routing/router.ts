// Who answers whom. Conversations handed to a person wait in their site's queue (in SQLite);
// on a site with automatic routing they go to the online agent with the fewest open
// conversations (ties: the one idle longest) as soon as one has room; on a 'manual' site
// agents pick them. An agent whose last console tab closed keeps their conversations for a
// grace period, then they go back to the head of the queue. Why this way:
// docs/decisions/queue.md.
//
// Every change of hands is a conditional UPDATE in the store, so this class holds no state
// that matters across a restart: at start it re-arms the grace timers from the database.
import { requireMayTransfer } from '../roles.js';
import type { FastifyBaseLogger } from 'fastify';
import { deskbellError, deskbellErrorWith } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Clock } from '../ids.js';
import type { Presence } from '../presence.js';
import type { AgentPresence, QueuePlace, QueueReason } from '../protocol.js';
import type { TakeResult } from '../store/routing-types.js';
import type { Agent, Conversation, Store } from '../store/types.js';

export const DEFAULT_GRACE_MS = 60_000;
/** The assignments an estimate goes by: this many recent ones, from this far back at most. */
const WAIT_SAMPLE = 20;
const WAIT_WINDOW_MS = 24 * 60 * 60 * 1000;


export interface RouterDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  presence: Presence;
  log: FastifyBaseLogger;
  /** Does the site have a FAQ bot? Without one, a shopper's first message goes to the queue. */
  hasBot: (siteId: string) => Promise<boolean>;
  /** How long an agent may be gone before their conversations are requeued. */
  graceMs?: number;
}

interface SiteQueue {
  ids: string[];
  /**
   * How often a place frees up: the median time agents recently had a conversation, divided
   * by the places online agents have (their capacities summed). Null without that data.
   */
  pace: number | null;
  /** Median real wait of recent shoppers, the fallback when the pace is unknown. */
  typicalWait: number | null;
}

export class Router {
  readonly graceMs: number;
  private readonly graceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** When each agent was last given a conversation (or came online): "idle longest" breaks ties. */
  private readonly lastAssigned = new Map<string, number>();
  private readonly queues = new Map<string, Promise<SiteQueue>>();
  /** Dispatch runs one at a time; a request during a run schedules exactly one more. */
  private dispatching: Promise<void> | null = null;
  private dispatchAgain = false;
  private stopped = false;

  constructor(private readonly deps: RouterDeps) {
    this.graceMs = deps.graceMs ?? DEFAULT_GRACE_MS;
  }

  /** At start: finish hand-offs a crash interrupted, and give absent agents their grace period. */
  async start(): Promise<void> {
    const { store } = this.deps;
    for (const [agentId] of await store.agentLoads()) {
      if (!this.deps.presence.isAgentConnected(agentId)) this.armGrace(agentId);
    }
    for (const row of await store.listConversations({ status: 'open', limit: 10_000 })) {
      if (row.routing === null && row.handoffAt !== null && row.firstAgentReplyAt === null) {
        await this.enqueue(row, row.handoffReason ?? 'asked');
      }
    }
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
  }

  // ---- the queue ----

  /** Puts the conversation in its site's queue (no-op when a person already has it). */
  async enqueue(conversation: Conversation, reason: QueueReason, place: 'back' | 'head' = 'back'): Promise<Conversation> {
    const queued = await this.deps.store.enqueue(conversation.id, reason, place);
    if (!queued) return conversation;
    this.changed(queued);
    this.kick();
    return queued;
  }

  /** After a shopper's message (and the bot's reply): a resolved conversation reopens; a site without a bot queues at once. */
  async afterVisitorMessage(conversationId: string): Promise<void> {
    const conversation = await this.deps.store.getConversation(conversationId);
    if (!conversation || conversation.status !== 'open') return;
    if (conversation.routing === 'resolved') {
      await this.enqueue(conversation, 'reopened');
      return;
    }
    if (conversation.routing !== null || conversation.firstAgentReplyAt !== null) return;
    // Handed over by the bot (also heals a crash between the hand-off and the enqueue), or no bot at all.
    if (conversation.handoffAt !== null) await this.enqueue(conversation, conversation.handoffReason ?? 'asked');
    else if (!(await this.deps.hasBot(conversation.siteId))) await this.enqueue(conversation, 'asked');
  }

  /** The shopper's place in the queue, or null when not waiting. */
  async place(conversation: Conversation): Promise<QueuePlace | null> {
    if (conversation.routing !== 'queued' || conversation.status !== 'open') return null;
    const queue = await this.siteQueue(conversation.siteId);
    const index = queue.ids.indexOf(conversation.id);
    if (index < 0) return null;
    const position = index + 1;
    return { position, estimatedWaitMs: queue.pace !== null ? Math.round(position * queue.pace) : queue.typicalWait };
  }

  /** Positions of every waiting conversation, for the console's list. */
  async positions(siteIds: Iterable<string>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const siteId of new Set(siteIds)) {
      (await this.siteQueue(siteId)).ids.forEach((id, i) => out.set(id, i + 1));
    }
    return out;
  }

  /** The waiting conversation ids of a site, in order. */
  async queueIds(siteId: string): Promise<string[]> {
    return (await this.siteQueue(siteId)).ids;
  }

  private siteQueue(siteId: string): Promise<SiteQueue> {
    let queue = this.queues.get(siteId);
    if (!queue) {
      queue = this.loadQueue(siteId);
      this.queues.set(siteId, queue);
      // A failed load is not cached.
      queue.catch(() => this.queues.delete(siteId));
    }
    return queue;
  }

  private async loadQueue(siteId: string): Promise<SiteQueue> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const since = now - WAIT_WINDOW_MS;
    // Only the ids: this runs after every change to the queue, so with a long line (a sale
    // with nobody online) whole rows would cost the line's length squared.
    const [ids, recent, handling, agents] = await Promise.all([
      store.queuedIds(siteId),
      store.recentAssignments(siteId, since, WAIT_SAMPLE),
      store.recentHandlingTimes(siteId, since, WAIT_SAMPLE),
      store.listAgents(),
    ]);
    // The n-th in line waits for n places to free up; places free up at (places online) per
    // (typical handling time).
    const places = agents.filter((a) => !a.disabled && this.deps.presence.agentStatus(a.id) === 'online').reduce((sum, a) => sum + a.maxChats, 0);
    const handled = median(handling);
    return {
      ids,
      pace: handled !== null && places > 0 ? handled / places : null,
      typicalWait: median(recent.map((r) => r.assignedAt - r.queuedAt)),
    };
  }

  // ---- taking conversations ----

  /** An agent picks a conversation from the queue (or from the bot). */
  async claim(agent: Agent, conversationId: string): Promise<Conversation> {
    const result = await this.deps.store.claim(conversationId, agent.id, agent.maxChats);
    return this.taken(result, agent, null, null, true);
  }

  /** Gives the conversation to another agent, with a note for them. */
  async transfer(by: Agent, conversationId: string, toAgentId: string, note: string | null): Promise<Conversation> {
    requireMayTransfer(by, await this.deps.store.getConversation(conversationId));
    const to = await this.deps.store.getAgent(toAgentId);
    if (!to || to.disabled) throw deskbellError('DESKBELL_VALIDATION', `agentId: no agent ${toAgentId}`);
    if (this.deps.presence.agentStatus(to.id) === 'offline') throw deskbellError('DESKBELL_AGENT_UNAVAILABLE', to.name);
    const result = await this.deps.store.transfer(conversationId, to.id, to.maxChats);
    const text = note?.trim() ? note.trim() : null;
    if (result.ok && text) {
      const stored = await this.deps.store.addNote(conversationId, by.id, text);
      this.deps.events.emit('note:added', { note: stored });
    }
    return this.taken(result, to, text, by.name, false);
  }

  /**
   * Sends the conversation to a team: to the head of the queue, then to the least busy online
   * member (or anyone, while no member is online: nobody waits for someone who is not there).
   */
  async sendToTeam(by: Agent, conversationId: string, team: string, note: string | null): Promise<Conversation> {
    const { store } = this.deps;
    requireMayTransfer(by, await store.getConversation(conversationId));
    const name = team.trim();
    if (!(await store.listAgents()).some((a) => !a.disabled && a.team === name)) {
      throw deskbellError('DESKBELL_VALIDATION', `team: no agent is in the team "${name}" (deskbell agent team --email E --team ${JSON.stringify(name)})`);
    }
    const moved = await store.sendToTeam(conversationId, name);
    if (!moved) throw deskbellError('DESKBELL_ALREADY_CLAIMED', 'no longer waiting or assigned');
    const text = note?.trim() ? note.trim() : null;
    if (text) this.deps.events.emit('note:added', { note: await store.addNote(conversationId, by.id, text) });
    this.changed(moved);
    this.deps.events.emit('agents:changed', {});
    this.kick();
    return moved;
  }

  /** An agent wrote in a conversation nobody had: it is theirs now. */
  async takeOver(agent: Agent, conversation: Conversation): Promise<void> {
    if (conversation.routing === 'assigned' || conversation.status !== 'open') return;
    const result = await this.deps.store.claim(conversation.id, agent.id, null);
    if (result.ok) await this.taken(result, agent, null, null, true);
  }

  /** `self`: the agent took it (a claim, or writing in it), rather than being given it. */
  private async taken(result: TakeResult, agent: Agent, note: string | null, by: string | null, self: boolean): Promise<Conversation> {
    if (!result.ok) {
      if (result.refusal === 'capacity') throw deskbellError('DESKBELL_AGENT_AT_CAPACITY', agent.name, agent.maxChats);
      if (result.refusal === 'closed') throw deskbellError('DESKBELL_CONVERSATION_CLOSED');
      throw deskbellErrorWith('DESKBELL_ALREADY_CLAIMED', result.holder ? { holder: result.holder } : {}, result.holder ?? 'no longer waiting');
    }
    this.lastAssigned.set(agent.id, this.deps.clock.now());
    this.changed(result.conversation);
    this.deps.events.emit('conversation:assigned', { conversation: result.conversation, agentId: agent.id, note, by, self });
    this.deps.events.emit('agents:changed', {});
    return result.conversation;
  }

  /** A conversation was resolved or closed: its agent has room again. */
  async released(conversation: Conversation): Promise<void> {
    this.changed(conversation);
    this.deps.events.emit('agents:changed', {});
    this.kick();
  }

  // ---- agents coming and going ----

  agentConnected(agent: Agent): void {
    const timer = this.graceTimers.get(agent.id);
    if (timer) clearTimeout(timer);
    this.graceTimers.delete(agent.id);
    if (!this.lastAssigned.has(agent.id)) this.lastAssigned.set(agent.id, this.deps.clock.now());
    this.availabilityMaybeChanged();
    this.kick();
  }

  /** The agent's last console tab closed: offline now; their conversations wait out the grace period. */
  agentDisconnected(agentId: string): void {
    if (this.deps.presence.isAgentConnected(agentId)) return;
    this.availabilityMaybeChanged();
    this.armGrace(agentId);
    // Their language may have nobody online now: others take those waiting for it.
    this.kick();
  }

  async setAway(agent: Agent, away: boolean): Promise<void> {
    this.deps.presence.setAway(agent.id, away);
    await this.deps.store.updateAgent(agent.id, { away });
    this.availabilityMaybeChanged();
    // Either way: back online takes from the queue; away may leave a language with nobody, so others take it.
    this.kick();
  }

  async agentsView(): Promise<AgentPresence[]> {
    const { store, presence } = this.deps;
    const [agents, loads] = await Promise.all([store.listAgents(), store.agentLoads()]);
    return agents
      .filter((a) => !a.disabled)
      .map((a) => ({ id: a.id, name: a.name, status: presence.agentStatus(a.id), openChats: loads.get(a.id) ?? 0, maxChats: a.maxChats, languages: a.languages, role: a.role, team: a.team }));
  }

  private lastAvailability: boolean | null = null;
  private availabilityMaybeChanged(): void {
    // The estimates depend on who is online.
    this.queues.clear();
    const now = this.deps.presence.agentsOnline();
    if (now !== this.lastAvailability) {
      this.lastAvailability = now;
      this.deps.events.emit('availability:changed', { agentsOnline: now });
    }
    this.deps.events.emit('agents:changed', {});
  }

  private armGrace(agentId: string): void {
    if (this.stopped || this.graceTimers.has(agentId)) return;
    const timer = setTimeout(() => {
      this.graceTimers.delete(agentId);
      void this.requeueIfGone(agentId);
    }, this.graceMs);
    timer.unref();
    this.graceTimers.set(agentId, timer);
  }

  private async requeueIfGone(agentId: string): Promise<void> {
    if (this.stopped || this.deps.presence.isAgentConnected(agentId)) return;
    try {
      const requeued = await this.deps.store.requeueAgent(agentId);
      for (const c of requeued) this.changed(c);
      if (requeued.length > 0) {
        this.deps.log.info({ agentId, conversations: requeued.length }, 'agent gone past the grace period: conversations back to the head of the queue');
        this.deps.events.emit('agents:changed', {});
      }
      this.kick();
    } catch (err) {
      this.deps.log.error({ err, agentId }, 'requeue failed; retrying after another grace period');
      this.armGrace(agentId);
    }
  }

  // ---- automatic assignment ----

  /** Assign what can be assigned, soon (coalesced: many changes, one run). */
  kick(): void {
    if (this.stopped) return;
    if (this.dispatching) {
      this.dispatchAgain = true;
      return;
    }
    this.dispatching = (async () => {
      do {
        this.dispatchAgain = false;
        try {
          await this.dispatch();
        } catch (err) {
          this.deps.log.error({ err }, 'queue dispatch failed');
        }
      } while (this.dispatchAgain && !this.stopped);
    })().finally(() => {
      this.dispatching = null;
    });
  }

  /** Resolves when no dispatch is running (tests and shutdown wait on it). */
  async settled(): Promise<void> {
    while (this.dispatching) await this.dispatching;
  }

  private async dispatch(): Promise<void> {
    const { store, presence } = this.deps;
    const agents = (await store.listAgents()).filter((a) => !a.disabled && presence.agentStatus(a.id) === 'online');
    if (agents.length === 0) return;
    // Everyone full: nothing to hand out, so the queue is not even read (a long line would
    // otherwise be read whole after each hand-off).
    const loads = await store.agentLoads();
    if (agents.every((a) => (loads.get(a.id) ?? 0) >= a.maxChats)) return;
    const manual = new Set((await store.listSites()).filter((s) => s.routing === 'manual').map((s) => s.id));
    const queue = (await store.listQueue(null)).filter((c) => !manual.has(c.siteId));
    if (queue.length === 0) return;
    for (const conversation of queue) {
      if (agents.every((a) => (loads.get(a.id) ?? 0) >= a.maxChats)) return;
      const agent = this.pick(speakers(teamMembers(agents, conversation.team), conversation.lang), loads);
      // Everyone who speaks the shopper's language is busy: they wait for one (others behind
      // them in other languages may still be served).
      if (!agent) continue;
      const result = await store.claim(conversation.id, agent.id, agent.maxChats);
      if (!result.ok) {
        // Someone claimed it meanwhile, or the agent's load moved: start over from fresh counts.
        this.dispatchAgain = true;
        return;
      }
      loads.set(agent.id, (loads.get(agent.id) ?? 0) + 1);
      await this.taken(result, agent, null, null, false);
    }
  }

  /** Fewest open conversations; ties: idle longest; then by id, so the choice is stable. */
  private pick(agents: Agent[], loads: Map<string, number>): Agent | null {
    let best: Agent | null = null;
    for (const a of agents) {
      const load = loads.get(a.id) ?? 0;
      if (load >= a.maxChats) continue;
      if (!best) {
        best = a;
        continue;
      }
      const bestLoad = loads.get(best.id) ?? 0;
      const idle = this.lastAssigned.get(a.id) ?? 0;
      const bestIdle = this.lastAssigned.get(best.id) ?? 0;
      if (load < bestLoad || (load === bestLoad && (idle < bestIdle || (idle === bestIdle && a.id < best.id)))) best = a;
    }
    return best;
  }

  /** A conversation's routing changed: drop the cached queue and tell whoever listens. */
  private changed(conversation: Conversation): void {
    this.queues.delete(conversation.siteId);
    this.deps.events.emit('conversation:changed', { conversation });
    this.deps.events.emit('queue:changed', { siteId: conversation.siteId });
  }
}

/** A team's online members, or everyone when none of them is online (or no team is asked for). */
export function teamMembers(agents: Agent[], team: string | null): Agent[] {
  if (team === null) return agents;
  const members = agents.filter((a) => a.team === team);
  return members.length > 0 ? members : agents;
}

/**
 * The agents for a shopper's language: those who answer in it (or in every language); if no
 * online agent does, everyone — a shopper is never left waiting for a language nobody online has.
 */
export function speakers(agents: Agent[], lang: string | null): Agent[] {
  if (!lang) return agents;
  const base = lang.startsWith('zh') ? lang : lang.split('-')[0];
  const able = agents.filter((a) => a.languages.length === 0 || a.languages.includes(base ?? lang));
  return able.length > 0 ? able : agents;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}
