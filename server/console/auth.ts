// The console's three HTTP calls: log in, log out, who am I. The session itself is an
// httpOnly cookie the server sets; scripts never see it.
import type { AgentProfile, ErrorInfo } from '../protocol.js';

export type LoginResult =
  | { ok: true; agent: AgentProfile }
  | { ok: false; status: number; error: ErrorInfo; retryAfterSeconds: number | null };

export type SessionCheck = { kind: 'agent'; agent: AgentProfile } | { kind: 'unauthenticated' } | { kind: 'unreachable' };

/** Status 0: the request never got an answer. */
const UNREACHABLE = 0;

export async function login(email: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await postJson('/api/auth/login', { email, password });
  } catch {
    return { ok: false, status: UNREACHABLE, error: { code: 'CONSOLE_OFFLINE', message: 'no answer' }, retryAfterSeconds: null };
  }
  const body = await readJson(res);
  const agent = agentIn(body);
  if (res.ok && agent) return { ok: true, agent };
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    status: res.status,
    error: errorIn(body) ?? { code: `HTTP_${res.status}`, message: res.statusText },
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
}

export async function logout(): Promise<void> {
  try {
    const res = await postJson('/api/auth/logout', {});
    if (!res.ok) console.warn(`[deskbell console] logout: HTTP ${res.status}`);
  } catch (err) {
    // The socket is closed already; the cookie expires on its own. Say so, don't block the agent.
    console.warn('[deskbell console] logout request failed', err);
  }
}

export async function currentAgent(): Promise<SessionCheck> {
  let res: Response;
  try {
    res = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    return { kind: 'unreachable' };
  }
  if (res.status === 401) return { kind: 'unauthenticated' };
  const agent = res.ok ? agentIn(await readJson(res)) : null;
  return agent ? { kind: 'agent', agent } : { kind: 'unreachable' };
}

function postJson(url: string, body: object): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

// Parse, don't trust: the shapes below are checked before use.
function agentIn(body: unknown): AgentProfile | null {
  const agent = (body as { agent?: unknown } | null)?.agent as Partial<AgentProfile> | undefined;
  if (!agent || typeof agent.id !== 'string' || typeof agent.email !== 'string' || typeof agent.name !== 'string') return null;
  // A server from before roles sends none: every agent was a manager then.
  return { id: agent.id, email: agent.email, name: agent.name, role: agent.role === 'agent' ? 'agent' : 'manager' };
}

function errorIn(body: unknown): ErrorInfo | null {
  const error = (body as { error?: unknown } | null)?.error as Partial<ErrorInfo> | undefined;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') return null;
  return { code: error.code, message: error.message };
}
