// A new shopper asks the bot one question over a real socket.
import assert from 'node:assert/strict';
import type { Message, VisitorSyncResult } from '../../server/protocol.js';
import { clientId, connected, must, visitorSocket } from './sockets.js';

/** Resolves with the bot's reply to `question`, asked by a new shopper of the site in `lang`. */
export async function botReply(url: string, siteKey: string, question: string, lang = 'en'): Promise<Message> {
  const socket = visitorSocket(url, siteKey);
  try {
    await connected(socket);
    const got: Message[] = [];
    socket.on('message:new', (m) => got.push(m));
    await must<VisitorSyncResult>(socket, 'session:sync', { afterSeq: 0, lang });
    await must(socket, 'message:send', { clientId: clientId(Math.floor(Math.random() * 1e8)), body: question });
    for (let i = 0; i < 150 && !got.some((m) => m.author === 'bot'); i++) await new Promise((r) => setTimeout(r, 20));
    const reply = got.find((m) => m.author === 'bot');
    assert.ok(reply, `the bot replied to "${question}"`);
    return reply;
  } finally {
    socket.close();
  }
}
