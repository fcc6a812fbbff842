// Agent roles, enforced by the server: a plain agent cannot see the identity secret, change
// site settings (socket or HTTP) or move a conversation they do not hold; a manager can take
// over and reassign anyone's. The first agent of an install is a manager; the CLI sets roles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AgentProfile, ConversationSummary, SiteSettingsView } from '../../server/protocol.js';
import { runDeskbell } from '../helpers/cli.js';
import { connectAgent, connectShopper, createAgents, eventually, type TestAgent } from '../helpers/queue.js';
import { AGENT, login, startServer, tempDir, type InProcessServer } from '../helpers/server.js';
import { agentSocket, ask, connected, must, type AgentClient } from '../helpers/sockets.js';

const codeOf = (res: { ok: boolean; error?: { code: string } }): string => (res.ok ? 'ok' : (res.error?.code ?? '?'));

describe('agent roles', () => {
  let server: InProcessServer;
  let manager: AgentClient;
  let managerId: string;
  let ben: TestAgent;
  let cai: TestAgent;
  before(async () => {
    server = await startServer();
    const cookie = await login(server.url);
    const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as { agent: AgentProfile };
    managerId = me.agent.id;
    assert.equal(me.agent.role, 'manager', 'the first agent of an install is its manager');
    const [b, c] = await createAgents(server.deskbell.store, 2);
    assert.deepEqual([(await server.deskbell.store.getAgent(b!.id))?.role, (await server.deskbell.store.getAgent(c!.id))?.role], ['agent', 'agent']);
    ben = await connectAgent(server.url, b!);
    manager = agentSocket(server.url, cookie);
    await connected(manager);
    cai = await connectAgent(server.url, c!);
  });
  after(async () => {
    for (const s of [manager, ben.socket, cai.socket]) s.close();
    await server.close();
  });

  test('site settings: an agent sees no secret and changes nothing; a manager does', async () => {
    const siteKey = server.site.key;
    const asAgent = await must<{ settings: SiteSettingsView }>(ben.socket, 'site:settings', { siteKey });
    assert.equal(asAgent.settings.identitySecret, null);
    assert.equal(codeOf(await ask(ben.socket, 'site:routing', { siteKey, mode: 'manual' })), 'DESKBELL_FORBIDDEN_ROLE');
    assert.equal(codeOf(await ask(ben.socket, 'site:hours', { siteKey, hours: null })), 'DESKBELL_FORBIDDEN_ROLE');
    assert.equal(codeOf(await ask(ben.socket, 'site:consent', { siteKey, consent: true })), 'DESKBELL_FORBIDDEN_ROLE');
    const put = await fetch(`${server.url}/api/sites/${siteKey}/bot-settings`, {
      method: 'PUT', headers: { cookie: ben.cookie, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify({ thresholds: { answer: 0.9, suggest: null, coverage: null } }),
    });
    assert.equal(put.status, 403);
    assert.equal(((await put.json()) as { error: { code: string } }).error.code, 'DESKBELL_FORBIDDEN_ROLE');
    const convert = await fetch(`${server.url}/api/sites/${siteKey}/bot-settings`, {
      method: 'PUT', headers: { cookie: ben.cookie, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify({ convertScript: false }),
    });
    assert.equal(convert.status, 403, 'nor the script conversion');
    assert.equal((await server.deskbell.registry.settings(server.site.id)).convertScript, true);
    assert.equal((await server.deskbell.store.getSiteByKey(siteKey))?.routing, 'auto', 'nothing changed');

    const asManager = await must<{ settings: SiteSettingsView }>(manager, 'site:settings', { siteKey });
    assert.match(asManager.settings.identitySecret ?? '', /^[0-9a-f]{64}$/);
    await must(manager, 'site:routing', { siteKey, mode: 'auto' });
    assert.equal(asManager.settings.consent, false, 'nothing changed by the agent');
    // Consent mode from the console: the widget's config carries it.
    const consentOn = await must<{ settings: SiteSettingsView }>(manager, 'site:consent', { siteKey, consent: true });
    assert.equal(consentOn.settings.consent, true);
    const config = (await (await fetch(`${server.url}/api/widget/config?site=${siteKey}`)).json()) as { theme: { consent: boolean } };
    assert.equal(config.theme.consent, true);
    assert.equal((await must<{ settings: SiteSettingsView }>(manager, 'site:consent', { siteKey, consent: false })).settings.consent, false);

    // A role changed meanwhile (deskbell agent role) counts at the next request, on the same socket.
    await server.deskbell.store.updateAgent(ben.id, { role: 'manager' });
    assert.match((await must<{ settings: SiteSettingsView }>(ben.socket, 'site:settings', { siteKey })).settings.identitySecret ?? '', /^[0-9a-f]{64}$/);
    await server.deskbell.store.updateAgent(ben.id, { role: 'agent' });
    assert.equal((await must<{ settings: SiteSettingsView }>(ben.socket, 'site:settings', { siteKey })).settings.identitySecret, null);
  });

  test("transfers: an agent moves only their own; a manager takes over and reassigns anyone's", async () => {
    // Everyone is online; the shopper goes to whoever routing picks. Make it Ben's.
    const shopper = await connectShopper(server.url, server.site.key);
    await shopper.send('Where is my order?');
    const id = shopper.conversationId();
    await eventually(() => assert.equal(shopper.latest()?.routing, 'assigned'));
    const holder = (await server.deskbell.store.getConversation(id))!.assignedAgentId!;
    if (holder !== ben.id) await must(manager, 'conversation:transfer', { conversationId: id, agentId: ben.id });

    // Cai (an agent) cannot take or give away Ben's conversation.
    assert.equal(codeOf(await ask(cai.socket, 'conversation:transfer', { conversationId: id, agentId: cai.id })), 'DESKBELL_FORBIDDEN_ROLE');
    assert.equal(codeOf(await ask(cai.socket, 'conversation:transfer', { conversationId: id, agentId: managerId })), 'DESKBELL_FORBIDDEN_ROLE');
    assert.equal((await server.deskbell.store.getConversation(id))?.assignedAgentId, ben.id);
    // Ben can give his own away.
    const given = await must<{ conversation: ConversationSummary }>(ben.socket, 'conversation:transfer', { conversationId: id, agentId: cai.id, note: 'yours' });
    assert.equal(given.conversation.assignedAgent?.id, cai.id);
    // The manager takes it over (a transfer to themself), then reassigns it to Ben.
    const taken = await must<{ conversation: ConversationSummary }>(manager, 'conversation:transfer', { conversationId: id, agentId: managerId });
    assert.equal(taken.conversation.assignedAgent?.id, managerId);
    const back = await must<{ conversation: ConversationSummary }>(manager, 'conversation:transfer', { conversationId: id, agentId: ben.id });
    assert.equal(back.conversation.assignedAgent?.id, ben.id);
    shopper.socket.close();
  });

  test('everyone sees every agent, with role and load', async () => {
    const { agents } = await must<{ agents: Array<{ id: string; role: string; openChats: number }> }>(cai.socket, 'agents:list', {});
    assert.deepEqual(new Map(agents.map((a) => [a.id, a.role])), new Map([[managerId, 'manager'], [ben.id, 'agent'], [cai.id, 'agent']]));
  });
});

test('the CLI: agent add --role, agent role, agent list', async () => {
  const tmp = tempDir();
  const deskbell = (args: string[], input?: string) => runDeskbell([...args, '--db', tmp.dbPath], { cwd: tmp.dir, input });
  try {
    const first = await deskbell(['agent', 'add', '--email', 'owner@shop.example', '--name', 'Owner'], `${AGENT.password}\n`);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Created manager Owner/);
    const second = await deskbell(['agent', 'add', '--email', 'staff@shop.example', '--name', 'Staff'], `${AGENT.password}\n`);
    assert.match(second.stdout, /Created agent Staff/);
    const third = await deskbell(['agent', 'add', '--email', 'lead@shop.example', '--name', 'Lead', '--role', 'manager'], `${AGENT.password}\n`);
    assert.match(third.stdout, /Created manager Lead/);
    const bad = await deskbell(['agent', 'role', '--email', 'staff@shop.example', '--role', 'owner']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--role must be agent or manager/);
    const promoted = await deskbell(['agent', 'role', '--email', 'staff@shop.example', '--role', 'manager']);
    assert.equal(promoted.code, 0, promoted.stderr);
    const list = await deskbell(['agent', 'list']);
    assert.match(list.stdout, /staff@shop\.example\tStaff\tmanager/);
    assert.match(list.stdout, /owner@shop\.example\tOwner\tmanager/);
  } finally {
    tmp.cleanup();
  }
});
