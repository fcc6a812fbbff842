// Who is connected right now: counts of open sockets per visitor and per agent. In memory,
// per process (a multi-process deployment would move this behind the Socket.IO adapter).
export class Presence {
  private readonly visitors = new Map<string, number>();
  private readonly agents = new Map<string, number>();
  /** Agents who chose "away" (or went idle): connected, but not given new conversations. */
  private readonly away = new Set<string>();
  private readonly visitorListeners: Array<(id: string, online: boolean) => void> = [];

  /** Hears a visitor's first socket open and last socket close (reports: abandonment). */
  onVisitorChange(listener: (id: string, online: boolean) => void): void {
    this.visitorListeners.push(listener);
  }
  visitorConnected(id: string): void {
    const was = this.visitors.get(id) ?? 0;
    this.visitors.set(id, was + 1);
    if (was === 0) for (const l of this.visitorListeners) l(id, true);
  }
  visitorDisconnected(id: string): void {
    decrement(this.visitors, id);
    if (!this.visitors.has(id)) for (const l of this.visitorListeners) l(id, false);
  }
  agentConnected(id: string): void {
    this.agents.set(id, (this.agents.get(id) ?? 0) + 1);
  }
  agentDisconnected(id: string): void {
    decrement(this.agents, id);
  }
  isVisitorOnline(id: string): boolean {
    return this.visitors.has(id);
  }
  setAway(id: string, away: boolean): void {
    if (away) this.away.add(id);
    else this.away.delete(id);
  }
  isAgentConnected(id: string): boolean {
    return this.agents.has(id);
  }
  agentStatus(id: string): 'online' | 'away' | 'offline' {
    if (!this.agents.has(id)) return 'offline';
    return this.away.has(id) ? 'away' : 'online';
  }
  /** Someone is there to answer: connected and not away. */
  agentsOnline(): boolean {
    for (const id of this.agents.keys()) if (!this.away.has(id)) return true;
    return false;
  }
}

function decrement(map: Map<string, number>, id: string): void {
  const n = (map.get(id) ?? 0) - 1;
  if (n > 0) map.set(id, n);
  else map.delete(id);
}
