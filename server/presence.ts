// Who is connected right now: counts of open sockets per visitor and per agent. In memory,
// per process (a multi-process deployment would move this behind the Socket.IO adapter).
export class Presence {
  private readonly visitors = new Map<string, number>();
  private readonly agents = new Map<string, number>();

  visitorConnected(id: string): void {
    this.visitors.set(id, (this.visitors.get(id) ?? 0) + 1);
  }
  visitorDisconnected(id: string): void {
    decrement(this.visitors, id);
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
  agentsOnline(): boolean {
    return this.agents.size > 0;
  }
}

function decrement(map: Map<string, number>, id: string): void {
  const n = (map.get(id) ?? 0) - 1;
  if (n > 0) map.set(id, n);
  else map.delete(id);
}
