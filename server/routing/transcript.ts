// A conversation as plain text, for the shopper and for the agent to keep: what was said, by
// whom, when (UTC). Private notes are not in it: it is the conversation the shopper saw. The
// shopper's copy is labelled in their language; the agent's in the console's (which it sends).
import { deskbellError } from '../errors.js';
import type { Lang } from '../protocol.js';
import type { Store } from '../store/types.js';
import { SYNC_PAGE } from '../conversations.js';

const LABELS: Record<Lang, { title: string; started: string; shopper: string; agent: string; bot: string }> = {
  en: { title: 'conversation', started: 'Started', shopper: 'Shopper', agent: 'Agent', bot: 'Bot' },
  'zh-TW': { title: '對話', started: '開始於', shopper: '顧客', agent: '客服', bot: '機器人' },
  'zh-CN': { title: '对话', started: '开始于', shopper: '顾客', agent: '客服', bot: '机器人' },
  th: { title: 'บทสนทนา', started: 'เริ่มเมื่อ', shopper: 'ลูกค้า', agent: 'เจ้าหน้าที่', bot: 'บอท' },
};

export async function transcript(store: Store, conversationId: string, lang: Lang = 'en'): Promise<{ filename: string; text: string }> {
  const conversation = await store.getConversation(conversationId);
  if (!conversation) throw deskbellError('DESKBELL_CONVERSATION_NOT_FOUND', conversationId);
  const [site, visitor] = await Promise.all([store.getSite(conversation.siteId), store.getVisitor(conversation.visitorId)]);
  const words = LABELS[lang];
  const shopper = visitor?.identity.name ?? visitor?.identity.email ?? words.shopper;
  const when = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const lines = [`${site?.name ?? 'Chat'} — ${words.title} ${conversation.id}`, `${words.started} ${when(conversation.createdAt)} UTC`, ''];
  for (let after = 0; ; ) {
    const page = await store.listMessages(conversation.id, after, SYNC_PAGE);
    for (const m of page) {
      const who = m.author === 'visitor' ? shopper : m.author === 'agent' ? (m.authorName ?? words.agent) : m.author === 'bot' ? words.bot : 'Deskbell';
      lines.push(`[${when(m.createdAt)}] ${who}: ${m.body.replace(/\n/g, '\n    ')}`);
    }
    if (page.length < SYNC_PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  return { filename: `${(site?.key ?? 'chat').replace(/[^A-Za-z0-9_-]/g, '')}-${conversation.id}.txt`, text: `${lines.join('\n')}\n` };
}
