// Replies to a left message by email, through a real SMTP server (smtp-server) on an
// ephemeral port: sent only while the shopper is away, to the email they left, with the
// agent's words; the shopper panel says replies go by email. Without SMTP: no email and the
// panel says replies wait (tests/integration/shopper-side.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Message, ShopperPanel, VisitorSyncResult } from '../../server/protocol.js';
import { connectShopper, eventually } from '../helpers/queue.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { readMail, startSmtp, type TestSmtp } from '../helpers/smtp.js';
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

  test('the email speaks the language the shopper wrote their message in', async () => {
    const { mails } = smtp;
    const shopper = await connectShopper(server.url, server.site.key);
    // The widget spoke English (an English shop page); the message is Thai.
    await must(shopper.socket, 'session:sync', { afterSeq: 0, lang: 'en' });
    const { message } = await must<{ message: Message }>(shopper.socket, 'message:leave', {
      clientId: clientId('leave-th'), email: 'somsri@example.com', body: 'โคมไฟสีฟ้ามีของเข้าอีกเมื่อไหร่คะ',
    });
    shopper.socket.close();
    const visitorId = (await server.deskbell.store.getConversation(message.conversationId))!.visitorId;
    await eventually(() => assert.equal(server.deskbell.presence.isVisitorOnline(visitorId), false));
    const agent = agentSocket(server.url, await login(server.url));
    try {
      await connected(agent);
      await must(agent, 'message:send', { conversationId: message.conversationId, clientId: clientId('th-reply'), body: 'มีของเข้าวันศุกร์นี้ค่ะ' });
      await eventually(() => assert.ok(mails.some((m) => m.to.includes('somsri@example.com')), `mails: ${mails.length}`));
      const mail = readMail(mails.find((m) => m.to.includes('somsri@example.com'))!.raw);
      assert.equal(mail.subject, 'Test Shop: Ann ตอบข้อความของคุณแล้ว');
      assert.match(mail.text, /^Ann ตอบว่า:\n\nมีของเข้าวันศุกร์นี้ค่ะ\n\nหากต้องการตอบกลับ เปิดแชทบนเว็บไซต์ของร้าน\n$/);
    } finally {
      agent.close();
    }
  });
});
