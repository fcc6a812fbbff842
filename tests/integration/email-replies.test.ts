// Replies to a left message by email, through a real SMTP server (smtp-server) on an
// ephemeral port: sent only while the shopper is away, to the email they left, with the
// agent's words; the shopper panel says replies go by email. Without SMTP: no email and the
// panel says replies wait (tests/integration/shopper-side.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Message, ShopperPanel, VisitorSyncResult } from '../../server/protocol.js';
import { connectShopper, eventually } from '../helpers/queue.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { agentSocket, clientId, connected, must, type AgentClient } from '../helpers/sockets.js';

describe('replies to a left message by email', () => {
  let smtp: TestSmtp;
  let server: InProcessServer;
  before(async () => {
    smtp = await startSmtp();
    server = await startServer({ app: { smtp: { url: smtp.url, from: 'Test Shop <help@shop.example>' } } });
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  test('away: the reply goes to the email left; online: it does not', async () => {
    const { mails } = smtp;
    const shopper = await connectShopper(server.url, server.site.key);
    const { message } = await must<{ message: Message }>(shopper.socket, 'message:leave', {
      clientId: clientId('leave'), email: 'Mei@Example.com', body: 'Is the blue lantern back in stock?',
    });
    let agent: AgentClient | null = null;
    try {
      agent = agentSocket(server.url, await login(server.url));
      await connected(agent);
      const { panel } = await must<{ panel: ShopperPanel }>(agent, 'shopper:panel', { conversationId: message.conversationId });
      assert.equal(panel.emailReplies, true);

      // The shopper still has the widget open: the reply is in the chat only.
      await must(agent, 'message:send', { conversationId: message.conversationId, clientId: clientId('online'), body: 'Looking it up now (online reply)' });
      const visitorId = (await server.deskbell.store.getConversation(message.conversationId))!.visitorId;
      assert.equal(server.deskbell.presence.isVisitorOnline(visitorId), true);
      shopper.socket.close();
      await eventually(() => assert.equal(server.deskbell.presence.isVisitorOnline(visitorId), false));
      await must(agent, 'message:send', { conversationId: message.conversationId, clientId: clientId('away'), body: 'Yes! Back in stock on Friday (away reply).' });
      await eventually(() => assert.ok(mails.some((m) => m.raw.includes('away reply')), `mails: ${mails.length}`));
      const mail = mails.find((m) => m.raw.includes('away reply'))!;
      assert.deepEqual(mail.to, ['mei@example.com']);
      assert.equal(mail.from, 'help@shop.example');
      assert.match(mail.raw, /Subject: Test Shop: Ann replied to your message/);
      assert.ok(!mails.some((m) => m.raw.includes('online reply')), 'no email while the shopper was online');

      // Back on the widget, the shopper finds both replies.
      const again = await connectShopper(server.url, server.site.key, shopper.token);
      const sync = await must<VisitorSyncResult>(again.socket, 'session:sync', { afterSeq: 0 });
      assert.deepEqual(sync.messages.filter((m) => m.author === 'agent').map((m) => m.body), ['Looking it up now (online reply)', 'Yes! Back in stock on Friday (away reply).']);
      again.socket.close();
    } finally {
      agent?.close();
    }
  });
});
