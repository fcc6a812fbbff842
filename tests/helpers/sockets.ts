// Real socket.io-client connections for tests, with typed, time-limited acknowledgements.
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AgentClientEvents,
  AgentServerEvents,
  ConversationSummary,
  ErrorInfo,
  Message,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../../server/protocol.js';
import { SHOP_ORIGIN } from './server.js';

export type VisitorClient = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentClient = Socket<AgentServerEvents, AgentClientEvents>;

export function visitorSocket(url: string, siteKey: string, options: { token?: string; origin?: string; autoConnect?: boolean } = {}): VisitorClient {
  return io(`${url}/visitor`, {
    query: { site: siteKey },
    auth: options.token ? { token: options.token } : {},
    transports: ['websocket'],
    extraHeaders: { origin: options.origin ?? SHOP_ORIGIN },
    reconnection: false,
    forceNew: true,
    autoConnect: options.autoConnect ?? true,
  });
}

export function agentSocket(url: string, cookie: string): AgentClient {
  return io(`${url}/agent`, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
}

export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Resolves with the connect_error's `{ code, message }` (or its message) — fails if it connects. */
export function refused(socket: Socket): Promise<ErrorInfo | string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but should have been refused')));
    socket.once('connect_error', (err: Error & { data?: ErrorInfo }) => resolve(err.data ?? err.message));
  });
}

export async function ask<T extends object>(socket: Socket, event: string, payload?: unknown): Promise<Ack<T>> {
  const args = payload === undefined ? [] : [payload];
  return (await socket.timeout(5000).emitWithAck(event, ...args)) as Ack<T>;
}

/** Like ask, but the test fails unless the server said ok. */
export async function must<T extends object>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  const res = await ask<T>(socket, event, payload);
  if (!res.ok) throw new Error(`${event} refused: ${res.error.code} ${res.error.message}`);
  return res as unknown as T;
}

export function next<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

export function clientId(n: number | string): string {
  return `test-${String(n).padStart(8, '0')}-${Math.random().toString(36).slice(2, 10)}`;
}

/** An emit without an acknowledgement (what a lost ack, or a careless client, looks like). */
export function emitRaw(socket: Socket, event: string, ...args: unknown[]): void {
  (socket as unknown as { emit: (event: string, ...a: unknown[]) => void }).emit(event, ...args);
}

/** The conversation in which a message with this exact text was written (searched as an agent). */
export async function findConversation(agent: AgentClient, text: string): Promise<ConversationSummary | undefined> {
  const { conversations } = await must<{ conversations: ConversationSummary[] }>(agent, 'conversations:list', { status: 'all' });
  for (const c of conversations) {
    const { messages } = await must<{ messages: Message[] }>(agent, 'conversation:open', { conversationId: c.id });
    if (messages.some((m) => m.body === text)) return c;
  }
  return undefined;
}

/** Polls `read` every 10 ms until it returns something (2 s at most). */
export async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
