// A conversation as plain text, for the shopper and for the agent to keep: what was said, by
// whom, when (UTC). Private notes are not in it: it is the conversation the shopper saw.
import { deskbellError } from '../errors.js';
import type { Store } from '../store/types.js';
import { SYNC_PAGE } from '../conversations.js';

export async function transcript(store: Store, conversationId: string): Promise<{ filename: string; text: string }> {
  const conversation = await store.getConversation(conversationId);
  if (!conversation) throw deskbellError('DESKBELL_CONVERSATION_NOT_FOUND', conversationId);
  const [site, visitor] = await Promise.all([store.getSite(conversation.siteId), store.getVisitor(conversation.visitorId)]);
  const shopper = visitor?.identity.name ?? visitor?.identity.email ?? 'Shopper';
  const when = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const lines = [`${site?.name ?? 'Chat'} — conversation ${conversation.id}`, `Started ${when(conversation.createdAt)} UTC`, ''];
  for (let after = 0; ; ) {
    const page = await store.listMessages(conversation.id, after, SYNC_PAGE);
    for (const m of page) {
      const who = m.author === 'visitor' ? shopper : m.author === 'agent' ? (m.authorName ?? 'Agent') : m.author === 'bot' ? 'Bot' : 'Deskbell';
      lines.push(`[${when(m.createdAt)}] ${who}: ${m.body.replace(/\n/g, '\n    ')}`);
    }
    if (page.length < SYNC_PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  return { filename: `${(site?.key ?? 'chat').replace(/[^A-Za-z0-9_-]/g, '')}-${conversation.id}.txt`, text: `${lines.join('\n')}\n` };
}
