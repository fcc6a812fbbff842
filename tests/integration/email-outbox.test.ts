// The reply-email outbox: an agent's reply to a left message reaches the shopper's email even
// when the mail server is down at first (retried until it is up, delivered once), when the
// server died between storing the reply and recording its email (the console's resend records
// it), or when the server is killed with the email still pending (delivered after the restart,
// once); a mailbox refused for good or a long outage ends as "failed", a reply read in the chat
// first is not emailed, and the console hears each change. A real smtp-server; the restart
// test kills a real `deskbell start` process with SIGKILL.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { ConversationSummary, Message, ReplyEmailView, ShopperPanel } from '../../server/protocol.js';
import { connectShopper, eventually } from '../helpers/queue.js';
import { AGENT, login, seedFile, spawnServer, startServer, tempDir, type ChildServer, type InProcessServer } from '../helpers/server.js';
import { closedPort, countMails, downSmtp, startSmtp, type DownSmtp, type TestSmtp } from '../helpers/smtp.js';
import { agentSocket, clientId, connected, must, type AgentClient } from '../helpers/sockets.js';

const FROM = 'Test Shop <help@shop.example>';

/** A shopper leaves a message with their email and closes the widget; an agent logs in and watches email statuses. */
async function leftMessage(url: string, siteKey: string, email = 'mei@example.com'): Promise<{ conversationId: string; token: string; agent: AgentClient; statuses: ReplyEmailView[] }> {
  const shopper = await connectShopper(url, siteKey);
  const { message } = await must<{ message: Message }>(shopper.socket, 'message:leave', {
    clientId: clientId('leave'), email, body: 'Do you ship lanterns to Chiang Mai?',
  });
  shopper.socket.close();
  const agent = agentSocket(url, await login(url));
  const statuses: ReplyEmailView[] = [];
  agent.on('email:status', (e) => statuses.push(e));
  await connected(agent);
  // Replies go by email only while the shopper is away.
  await eventually(async () => {
    const { conversation } = await must<{ conversation: ConversationSummary }>(agent, 'conversation:open', { conversationId: message.conversationId });
    assert.equal(conversation.visitorOnline, false);
  });
  return { conversationId: message.conversationId, token: shopper.token, agent, statuses };
}

async function reply(agent: AgentClient, conversationId: string, body: string, id = clientId('reply')): Promise<Message> {
  return (await must<{ message: Message }>(agent, 'message:send', { conversationId, clientId: id, body })).message;
}

async function panelEmails(agent: AgentClient, conversationId: string): Promise<ShopperPanel['replyEmails']> {
  return (await must<{ panel: ShopperPanel }>(agent, 'shopper:panel', { conversationId })).panel.replyEmails;
}

/**
 * "Exactly once" without a timed wait: a later reply's email is sent after the earlier one's
 * attempts are over (one sender, in order), so once it arrives the count of the earlier is final.
 */
async function afterLaterReply(agent: AgentClient, conversationId: string, smtp: TestSmtp): Promise<void> {
  const marker = `later reply ${clientId('m')}`;
  await reply(agent, conversationId, marker);
  await eventually(() => assert.equal(countMails(smtp.mails, marker), 1));
}

describe('reply emails while the mail server is down', () => {
  let server: InProcessServer | null = null;
  let smtp: TestSmtp | null = null;
  const sockets: AgentClient[] = [];
  let down: DownSmtp | null = null;
  after(async () => {
    await down?.close();
    for (const s of sockets) s.close();
    await server?.close();
    await smtp?.close();
  });

  test('down at first, then up: the email is retried and arrives exactly once; the console hears it', async () => {
    down = await downSmtp();
    const { port } = down;
    server = await startServer({ app: { smtp: { url: `smtp://127.0.0.1:${port}`, from: FROM, retry: { firstRetryMs: 150, maxRetryMs: 300 } } } });
    const { conversationId, agent, statuses } = await leftMessage(server.url, server.site.key);
    sockets.push(agent);
    const sent = await reply(agent, conversationId, 'Yes, in 3-5 days (while the mail server was down).');

    // Refused (nothing listens): recorded, retried, and the agent is told.
    await eventually(() => assert.ok(statuses.some((s) => s.messageId === sent.id && s.status === 'retrying'), JSON.stringify(statuses)));
    const waiting = await panelEmails(agent, conversationId);
    assert.equal(waiting.length, 1);
    assert.deepEqual([waiting[0]?.messageId, waiting[0]?.status, waiting[0]?.to], [sent.id, 'retrying', 'mei@example.com']);
    assert.ok(waiting[0]!.attempts >= 1 && waiting[0]!.lastError, 'attempts and the error are shown');

    smtp = await down.startUp();
    await eventually(() => assert.equal(countMails(smtp!.mails, 'while the mail server was down'), 1));
    await eventually(async () => assert.ok(statuses.some((s) => s.messageId === sent.id && s.status === 'sent'),
      `heard ${JSON.stringify(statuses)}; stored ${JSON.stringify(await server!.deskbell.store.listReplyEmails(conversationId))}`));
    await afterLaterReply(agent, conversationId, smtp);
    assert.equal(countMails(smtp.mails, 'while the mail server was down'), 1, 'delivered once');
    const mail = smtp.mails.find((m) => m.raw.includes('while the mail server was down'))!;
    assert.deepEqual(mail.to, ['mei@example.com']);
    assert.match(mail.raw, new RegExp(`Message-ID: <${sent.id}\\.reply@shop\\.example>`, 'i'));
    assert.deepEqual(await panelEmails(agent, conversationId), [], 'nothing left to warn about');
    const [row] = await server.deskbell.store.listReplyEmails(conversationId);
    assert.equal(row?.status, 'sent');
    assert.ok(row!.attempts >= 2, `attempts: ${row!.attempts}`);
  });

  test('a resent reply (lost acknowledgement) records one email', async () => {
    assert.ok(server && smtp);
    const { conversationId, agent } = await leftMessage(server.url, server.site.key);
    sockets.push(agent);
    const payload = { conversationId, clientId: clientId('twice'), body: 'Sent twice by the console (one email).' };
    await must(agent, 'message:send', payload);
    await must(agent, 'message:send', payload);
    await afterLaterReply(agent, conversationId, smtp);
    assert.equal(countMails(smtp.mails, 'Sent twice by the console'), 1);
    assert.equal((await server.deskbell.store.listReplyEmails(conversationId)).length, 2, 'this reply and the later one');
  });

  test('a reply stored whose email was not recorded (the server died in between): the console\'s resend records and sends it', async () => {
    assert.ok(server && smtp);
    const { conversationId, agent } = await leftMessage(server.url, server.site.key);
    sockets.push(agent);
    const { store } = server.deskbell;
    const ann = (await store.getAgentByEmail(AGENT.email))!;
    // What a crash right after the message's commit leaves: the message, no email, no ack.
    const stored = await store.appendMessage({ sender: { kind: 'agent', agentId: ann.id, conversationId }, clientId: 'crash-0001', body: 'Stored just before the crash.', author: 'agent' });
    assert.deepEqual(await store.listReplyEmails(conversationId), []);
    const resent = await reply(agent, conversationId, 'Stored just before the crash.', 'crash-0001');
    assert.equal(resent.id, stored.message.id, 'the stored message, acknowledged again');
    await afterLaterReply(agent, conversationId, smtp);
    assert.equal(countMails(smtp.mails, 'Stored just before the crash.'), 1);
  });
});

describe('reply emails no longer needed', () => {
  let server: InProcessServer | null = null;
  let smtp: TestSmtp | null = null;
  const sockets: Array<{ close(): unknown }> = [];
  let down: DownSmtp | null = null;
  after(async () => {
    await down?.close();
    for (const s of sockets) s.close();
    await server?.close();
    await smtp?.close();
  });

  test('the shopper read the reply in the chat while the mail server was down: no email', async () => {
    down = await downSmtp();
    const { port } = down;
    server = await startServer({ app: { smtp: { url: `smtp://127.0.0.1:${port}`, from: FROM, retry: { firstRetryMs: 150, maxRetryMs: 300 } } } });
    const left = await leftMessage(server.url, server.site.key);
    sockets.push(left.agent);
    const sent = await reply(left.agent, left.conversationId, 'Read in the chat, not by email.');
    await eventually(() => assert.ok(left.statuses.some((s) => s.messageId === sent.id && s.status === 'retrying')));
    const back = await connectShopper(server.url, server.site.key, left.token);
    sockets.push(back.socket);
    await must(back.socket, 'messages:read', { conversationId: left.conversationId, seq: sent.seq });
    smtp = await down.startUp();
    await eventually(() => assert.ok(left.statuses.some((s) => s.messageId === sent.id && s.status === 'skipped'), JSON.stringify(left.statuses)));
    assert.equal(countMails(smtp.mails, 'Read in the chat'), 0);
    assert.equal((await server.deskbell.store.listReplyEmails(left.conversationId))[0]?.status, 'skipped');
  });
});

describe('reply emails refused for good', () => {
  let server: InProcessServer | null = null;
  let smtp: TestSmtp | null = null;
  let agent: AgentClient | null = null;
  after(async () => {
    agent?.close();
    await server?.close();
    await smtp?.close();
  });

  test('a mailbox the mail server says does not exist: failed at once, not retried for a day', async () => {
    smtp = await startSmtp(0, { rejectTo: ['nobody@example.com'] });
    server = await startServer({ app: { smtp: { url: smtp.url, from: FROM } } });
    const left = await leftMessage(server.url, server.site.key, 'nobody@example.com');
    agent = left.agent;
    const sent = await reply(agent, left.conversationId, 'To a mailbox that does not exist.');
    await eventually(() => assert.ok(left.statuses.some((s) => s.messageId === sent.id && s.status === 'failed'), JSON.stringify(left.statuses)));
    const [row] = await server.deskbell.store.listReplyEmails(left.conversationId);
    assert.deepEqual([row?.status, row?.attempts], ['failed', 1]);
    assert.match(row?.lastError ?? '', /No such mailbox/);
  });
});

describe('reply emails given up', () => {
  let server: InProcessServer | null = null;
  let agent: AgentClient | null = null;
  let down: DownSmtp | null = null;
  after(async () => {
    await down?.close();
    agent?.close();
    await server?.close();
  });

  test('a mail server down past the limit: the email is marked failed and the console says so', async () => {
    down = await downSmtp();
    const { port } = down;
    server = await startServer({ app: { smtp: { url: `smtp://127.0.0.1:${port}`, from: FROM, retry: { firstRetryMs: 100, maxRetryMs: 200, giveUpAfterMs: 1500 } } } });
    const left = await leftMessage(server.url, server.site.key);
    agent = left.agent;
    const sent = await reply(agent, left.conversationId, 'This one never gets out.');
    await eventually(() => assert.ok(left.statuses.some((s) => s.messageId === sent.id && s.status === 'failed'), JSON.stringify(left.statuses)));
    const [shown] = await panelEmails(agent, left.conversationId);
    assert.deepEqual([shown?.status, shown?.nextAttemptAt], ['failed', null]);
    assert.ok(shown!.attempts >= 2 && shown!.lastError);
    const [row] = await server.deskbell.store.listReplyEmails(left.conversationId);
    assert.equal(row?.status, 'failed');
  });
});

describe('reply emails across a server restart', () => {
  const tmp = tempDir();
  let server: ChildServer | null = null;
  let smtp: TestSmtp | null = null;
  const sockets: AgentClient[] = [];
  after(async () => {
    for (const s of sockets) s.close();
    await server?.kill();
    await smtp?.close();
    tmp.cleanup();
  });

  test('killed with an email pending: it is delivered after the restart, once', async () => {
    const { site } = await seedFile(tmp.dbPath);
    const port = await closedPort();
    const args = ['--smtp', `smtp://127.0.0.1:${port}`, '--smtp-from', FROM];
    server = await spawnServer(tmp.dbPath, { args });
    const first = await leftMessage(server.url, site.key);
    sockets.push(first.agent);
    const sent = await reply(first.agent, first.conversationId, 'Pending when the server died.');
    await eventually(() => assert.ok(first.statuses.some((s) => s.messageId === sent.id && s.status === 'retrying')));
    await server.kill();

    smtp = await startSmtp(port);
    server = await spawnServer(tmp.dbPath, { args, port: server.port });
    await eventually(() => assert.equal(countMails(smtp!.mails, 'Pending when the server died.'), 1));

    // Started once more: a sent email is never sent again.
    await server.stop();
    server = await spawnServer(tmp.dbPath, { args, port: server.port });
    const agent = agentSocket(server.url, await login(server.url));
    sockets.push(agent);
    await connected(agent);
    await afterLaterReply(agent, first.conversationId, smtp);
    assert.equal(countMails(smtp.mails, 'Pending when the server died.'), 1);
  });
});
