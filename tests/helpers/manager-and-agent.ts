// The two sides of a managers-only setting: a server whose first agent (a manager) and a
// plain agent are connected to the console's socket. Registers before/after hooks in the
// calling describe(); read the fields inside tests.
import { after, before } from 'node:test';
import { connectAgent, createAgents, type TestAgent } from './queue.js';
import { login, startServer, type InProcessServer } from './server.js';
import { agentSocket, connected, type AgentClient } from './sockets.js';

export interface ManagerAndAgent {
  server: InProcessServer;
  manager: AgentClient;
  agent: TestAgent;
}

export function managerAndAgent(): ManagerAndAgent {
  const sides = {} as ManagerAndAgent;
  before(async () => {
    sides.server = await startServer();
    sides.manager = agentSocket(sides.server.url, await login(sides.server.url));
    await connected(sides.manager);
    const [ben] = await createAgents(sides.server.deskbell.store, 1);
    sides.agent = await connectAgent(sides.server.url, ben!);
  });
  after(async () => {
    sides.manager?.close();
    sides.agent?.socket.close();
    await sides.server?.close();
  });
  return sides;
}
