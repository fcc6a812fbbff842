// The words around an agent's reply when it goes to a shopper by email (server/routing/
// email-replies.ts), in the shopper's language: the one their widget spoke or, once they wrote,
// the one they write (server/i18n/written-lang.ts). The reply itself is the agent's, as written.
import type { Lang } from '../protocol.js';

export interface ReplyEmailWords {
  /** `{site}`, `{who}`. */
  subject: string;
  /** The line before the reply. `{who}`. */
  replied: string;
  /** After the reply, when it carries files: `{files}` their names. */
  files: string;
  /** Where to answer: `{url}` the last page they were on. */
  backTo: string;
  /** Where to answer when no page is known. */
  backToShop: string;
}

export const REPLY_EMAIL_WORDS: Record<Lang, ReplyEmailWords> = {
  en: {
    subject: '{site}: {who} replied to your message',
    replied: '{who} replied:',
    files: '({files}: open the chat to see them)',
    backTo: 'To answer, open the chat on {url}',
    backToShop: 'To answer, open the chat on our shop.',
  },
  'zh-TW': {
    subject: '{site}：{who} 已回覆您的留言',
    replied: '{who} 回覆：',
    files: '（{files}：請開啟對話查看）',
    backTo: '如要回覆，請到 {url} 開啟對話。',
    backToShop: '如要回覆，請到我們的商店開啟對話。',
  },
  'zh-CN': {
    subject: '{site}：{who} 已回复您的留言',
    replied: '{who} 回复：',
    files: '（{files}：请打开对话查看）',
    backTo: '如需回复，请在 {url} 打开对话。',
    backToShop: '如需回复，请在我们的商店打开对话。',
  },
  th: {
    subject: '{site}: {who} ตอบข้อความของคุณแล้ว',
    replied: '{who} ตอบว่า:',
    files: '({files}: เปิดแชทเพื่อดูไฟล์)',
    backTo: 'หากต้องการตอบกลับ เปิดแชทที่ {url}',
    backToShop: 'หากต้องการตอบกลับ เปิดแชทบนเว็บไซต์ของร้าน',
  },
};

/** `words.subject` with its `{name}`s filled in. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}
