// Agents and their console sessions: creation, login, logout, and resolving a session
// cookie to an agent on every request and socket handshake.
import { deskbellError } from './errors.js';
import type { EventBus } from './events.js';
import type { Clock } from './ids.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './auth/password.js';
import { SESSION_TTL_MS, hashSessionId, newSessionId } from './auth/session.js';
import type { AgentRole } from './protocol.js';
import type { Agent, Store } from './store/types.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 8;

export class AgentService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  /**
   * Without a role, the first agent of an install (no manager yet) is its manager and later
   * ones are agents: least privilege, and a new install is never left without a manager.
   */
  async create(input: { email: string; name: string; password: string; role?: AgentRole }): Promise<Agent> {
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    if (!EMAIL.test(email)) throw deskbellError('DESKBELL_VALIDATION', `"${input.email}" is not an email address`);
    if (!name) throw deskbellError('DESKBELL_VALIDATION', 'an agent needs a name (--name "Ann")');
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw deskbellError('DESKBELL_VALIDATION', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    if (await this.store.getAgentByEmail(email)) {
      throw deskbellError('DESKBELL_VALIDATION', `an agent with the email ${email} already exists`);
    }
    const role = input.role ?? ((await this.store.listAgents()).some((a) => a.role === 'manager' && !a.disabled) ? 'agent' : 'manager');
    return this.store.createAgent({ email, name, passwordHash: await hashPassword(input.password), role });
  }

  /** Checks the password and opens a session; returns the cookie value. */
  async login(email: string, password: string): Promise<{ agent: Agent; sessionId: string; expiresAt: number }> {
    const agent = await this.store.getAgentByEmail(email.trim().toLowerCase());
    // Hash even for unknown emails, so response time does not reveal which emails exist.
    const ok = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !ok || agent.disabled) throw deskbellError('DESKBELL_LOGIN_FAILED');
    const sessionId = newSessionId();
    const expiresAt = this.clock.now() + SESSION_TTL_MS;
    await this.store.createSession(hashSessionId(sessionId), agent.id, expiresAt);
    return { agent, sessionId, expiresAt };
  }

  async logout(sessionId: string): Promise<void> {
    const hash = hashSessionId(sessionId);
    const session = await this.store.getSession(hash);
    await this.store.deleteSession(hash);
    if (session) this.events.emit('agent:sessions-revoked', { agentId: session.agentId, sessionHash: hash });
  }

  /** Disables or re-enables an agent; disabling ends every session (and so every console socket). */
  async setDisabled(email: string, disabled: boolean): Promise<Agent> {
    const agent = await this.byEmail(email);
    const updated = await this.store.updateAgent(agent.id, { disabled });
    if (disabled) await this.revokeAll(agent.id);
    return updated;
  }

  /** A new password ends every session: whoever knew the old one is logged out everywhere. */
  async setPassword(email: string, password: string): Promise<Agent> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw deskbellError('DESKBELL_VALIDATION', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const agent = await this.byEmail(email);
    const updated = await this.store.updateAgent(agent.id, { passwordHash: await hashPassword(password) });
    await this.revokeAll(agent.id);
    return updated;
  }

  /** Is this session (by its hash) still live? Re-checked on every console event. */
  async sessionLive(sessionHash: string): Promise<boolean> {
    const session = await this.store.getSession(sessionHash);
    if (!session || session.expiresAt <= this.clock.now()) return false;
    const agent = await this.store.getAgent(session.agentId);
    return agent !== null && !agent.disabled;
  }

  private async byEmail(email: string): Promise<Agent> {
    const agent = await this.store.getAgentByEmail(email.trim().toLowerCase());
    if (!agent) throw deskbellError('DESKBELL_VALIDATION', `no agent has the email ${email}`);
    return agent;
  }

  private async revokeAll(agentId: string): Promise<void> {
    await this.store.deleteAgentSessions(agentId);
    this.events.emit('agent:sessions-revoked', { agentId, sessionHash: null });
  }

  /** The agent behind a session cookie, or null when it is unknown, expired or disabled. */
  async authenticate(sessionId: string | null): Promise<{ agent: Agent; sessionHash: string } | null> {
    if (!sessionId) return null;
    const hash = hashSessionId(sessionId);
    const session = await this.store.getSession(hash);
    if (!session) return null;
    if (session.expiresAt <= this.clock.now()) {
      await this.store.deleteSession(hash);
      return null;
    }
    const agent = await this.store.getAgent(session.agentId);
    if (!agent || agent.disabled) return null;
    return { agent, sessionHash: hash };
  }
}
