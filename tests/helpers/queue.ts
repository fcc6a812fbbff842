// Helpers for the queue tests: several agents logged in over real sockets, shoppers that
// keep the latest conversation update they were sent, and waiting for a condition.
import { AgentService } from '../../server/agents.js';
import { EventBus } from '../../server/events.js';
import { systemClock } from '../../server/ids.js';
import type { ConversationSummary, Message, VisitorConversation, VisitorSyncResult } from '../../server/protocol.js';
import type { Store } from '../../server/store/types.js';
import { login } from './server.js';
import { agentSocket, clientId, connected, must, visitorSocket, type AgentClient, type VisitorClient } from './sockets.js';

export const PASSWORD = 'queue test password';

export interface TestAgent {
  id: string;
  name: string;
  email: string;
  socket: AgentClient;
  cookie: string;
  /** Conversation ids given to this agent, in order (from `conversation:assigned`). */
  assigned: string[];
}

/** Creates agents `Agent 1`…`Agent n` (with the given capacity) without connecting them. */
export async function createAgents(store: Store, n: number, maxChats?: number): Promise<Array<{ id: string; name: string; email: string }>> {
  const service = new AgentService(store, systemClock, new EventBus());
  const out = [];
  for (let i = 1; i <= n; i++) {
    const agent = await service.create({ email: `agent${i}@shop.example`, name: `Agent ${i}`, password: PASSWORD });
    if (maxChats !== undefined) await store.updateAgent(agent.id, { maxChats });
    out.push({ id: agent.id, name: agent.name, email: agent.email });
  }
  return out;
}

export async function connectAgent(url: string, agent: { id: string; name: string; email: string }, password = PASSWORD): Promise<TestAgent> {
  const cookie = await login(url, agent.email, password);
  const socket = agentSocket(url, cookie);
  const assigned: string[] = [];
  socket.on('conversation:assigned', ({ conversation }) => assigned.push(conversation.id));
  await connected(socket);
  return { ...agent, socket, cookie, assigned };
}

export interface Shopper {
  socket: VisitorClient;
  token: string;
  /** The newest conversation state this shopper was sent (by sync or live update). */
  latest: () => VisitorConversation | null;
  conversationId: () => string;
  messages: Message[];
  send(body: string): Promise<Message>;
}

export async function connectShopper(url: string, siteKey: string, token?: string): Promise<Shopper> {
  const socket = visitorSocket(url, siteKey, token ? { token } : {});
  let latest: VisitorConversation | null = null;
  const messages: Message[] = [];
  socket.on('conversation:update', (c) => (latest = c));
  socket.on('message:new', (m) => messages.push(m));
  await connected(socket);
  const sync = await must<VisitorSyncResult>(socket, 'session:sync', { afterSeq: 0 });
  latest = sync.conversation;
  messages.push(...sync.messages);
  const shopper: Shopper = {
    socket,
    token: sync.token,
    latest: () => latest,
    conversationId: () => {
      if (!latest) throw new Error('no conversation yet');
      return latest.id;
    },
    messages,
    async send(body) {
      const { message } = await must<{ message: Message }>(socket, 'message:send', { clientId: clientId(body.length), body });
      if (!latest || latest.id !== message.conversationId) {
        const again = await must<VisitorSyncResult>(socket, 'session:sync', { afterSeq: 0 });
        latest = again.conversation;
      }
      return message;
    },
  };
  return shopper;
}

/** Waits until `check` passes (returns without throwing), re-trying on every tick; fails after `ms`. */
export async function eventually(check: () => void | Promise<void>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export async function summaries(agent: AgentClient): Promise<ConversationSummary[]> {
  return (await must<{ conversations: ConversationSummary[] }>(agent, 'conversations:list', { status: 'all', limit: 500 })).conversations;
}
