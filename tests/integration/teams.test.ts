// Teams: a conversation sent to a team goes to the head of the queue and to a member of it,
// even when agents outside the team are less busy; with no member online, to anyone. Only
// its holder (or a manager) may send it; the team must exist. The CLI puts agents in teams.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConversationSummary, NoteView } from '../../server/protocol.js';
import { runDeskbell } from '../helpers/cli.js';
import { connectAgent, connectShopper, createAgents, eventually, type Shopper, type TestAgent } from '../helpers/queue.js';
import { AGENT, startServer, tempDir, type InProcessServer } from '../helpers/server.js';
import { ask, must } from '../helpers/sockets.js';

const codeOf = (res: { ok: boolean; error?: { code: string } }): string => (res.ok ? 'ok' : (res.error?.code ?? '?'));

describe('teams', () => {
  let server: InProcessServer;
  let billing: TestAgent;
  let others: TestAgent[];
  const shoppers: Shopper[] = [];
  const holderOf = async (id: string): Promise<string | null> => (await server.deskbell.store.getConversation(id))?.assignedAgentId ?? null;
  const assigned = async (text: string): Promise<Shopper> => {
    const s = await connectShopper(server.url, server.site.key);
    shoppers.push(s);
    await s.send(text);
    await eventually(() => assert.equal(s.latest()?.routing, 'assigned'));
    return s;
  };

  before(async () => {
    server = await startServer();
    const [a1, a2, a3] = await createAgents(server.deskbell.store, 3);
    await server.deskbell.store.updateAgent(a2!.id, { team: 'billing' });
    // The billing agent first, with one conversation: busier than the two who come next.
    billing = await connectAgent(server.url, a2!);
    await assigned('first, for billing');
    others = [await connectAgent(server.url, a1!), await connectAgent(server.url, a3!)];
  });
  after(async () => {
    for (const s of shoppers) s.socket.close();
    for (const a of [billing, ...others]) a.socket.close();
    await server.close();
  });

  test('sent to a team: to its member, not to the less busy agents outside it', async () => {
    const shopper = await assigned('I was charged twice');
    const id = shopper.conversationId();
    const holderId = await holderOf(id);
    const holder = others.find((a) => a.id === holderId);
    assert.ok(holder, `one of the two idle agents outside the team has it, not ${holderId}`);
    const outsider = others.find((a) => a !== holder)!;

    assert.equal(codeOf(await ask(holder.socket, 'conversation:team', { conversationId: id, team: 'nobody-here' })), 'DESKBELL_VALIDATION');
    assert.equal(codeOf(await ask(outsider.socket, 'conversation:team', { conversationId: id, team: 'billing' })), 'DESKBELL_FORBIDDEN_ROLE');

    const res = await must<{ conversation: ConversationSummary }>(holder.socket, 'conversation:team', { conversationId: id, team: 'billing', note: 'double charge, order 1042' });
    assert.equal(res.conversation.team, 'billing');
    await eventually(async () => assert.equal(await holderOf(id), billing.id));
    await eventually(() => assert.ok(billing.assigned.includes(id)));
    const { notes } = await must<{ notes: NoteView[] }>(billing.socket, 'notes:list', { conversationId: id });
    assert.deepEqual(notes.map((n) => n.body), ['double charge, order 1042']);
    // Loads: the billing agent has 2, the others 0 — fewest-open alone would not have chosen them.
    const loads = await server.deskbell.store.agentLoads();
    assert.deepEqual([loads.get(billing.id), loads.get(holder.id) ?? 0, loads.get(outsider.id) ?? 0], [2, 0, 0]);
  });

  test('no member of the team online: anyone takes it (nobody waits for someone absent)', async () => {
    await must(billing.socket, 'agent:status', { status: 'away' });
    try {
      const shopper = await assigned('another billing question');
      const id = shopper.conversationId();
      const holderId = await holderOf(id);
      const holder = others.find((a) => a.id === holderId)!;
      await must(holder.socket, 'conversation:team', { conversationId: id, team: 'billing' });
      await eventually(async () => {
        const now = await holderOf(id);
        assert.ok(now !== null && now !== billing.id, `assigned to ${now}`);
      });
      assert.equal((await server.deskbell.store.getConversation(id))?.team, 'billing');
    } finally {
      await must(billing.socket, 'agent:status', { status: 'online' });
    }
  });
});

test('the CLI puts an agent in a team and out of it', async () => {
  const tmp = tempDir();
  const deskbell = (args: string[], input?: string) => runDeskbell([...args, '--db', tmp.dbPath], { cwd: tmp.dir, input });
  try {
    assert.equal((await deskbell(['agent', 'add', '--email', 'ann@shop.example', '--name', 'Ann'], `${AGENT.password}\n`)).code, 0);
    const join = await deskbell(['agent', 'team', '--email', 'ann@shop.example', '--team', 'billing']);
    assert.equal(join.code, 0, join.stderr);
    assert.match((await deskbell(['agent', 'list'])).stdout, /ann@shop\.example\tAnn\tmanager\tteam billing/);
    await deskbell(['agent', 'team', '--email', 'ann@shop.example', '--team', '']);
    assert.doesNotMatch((await deskbell(['agent', 'list'])).stdout, /team/);
  } finally {
    tmp.cleanup();
  }
});
