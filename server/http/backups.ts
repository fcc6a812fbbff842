// GET /api/backups (managers only): how the server's scheduled backups stand — when the last
// ran and whether it worked, when the next is due, what the folder holds — for the console's
// settings page. Read from the scheduler and the folder on each request (a handful of stats).
import type { FastifyInstance } from 'fastify';
import type { AgentService } from '../agents.js';
import type { BackupScheduler } from '../backup/schedule.js';
import { BACKUPS_OFF, BackupStatus } from '../protocol.js';
import { requireManager } from '../roles.js';
import { guardAgentRoutes } from './agent-auth.js';

export async function registerBackups(app: FastifyInstance, deps: { agents: AgentService; backups: BackupScheduler | null }): Promise<void> {
  await app.register(async (scope) => {
    guardAgentRoutes(scope, deps.agents);
    scope.get('/api/backups', { schema: { response: { 200: BackupStatus } } }, async (request): Promise<BackupStatus> => {
      // The folder's path and the shop's backup health are the owner's business.
      requireManager(request.agent!, 'see the backups');
      return deps.backups?.status() ?? BACKUPS_OFF;
    });
  });
}
