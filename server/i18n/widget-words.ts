// The few words the widget says before the chat is loaded: the launcher's and the prompt
// bubble's. The config (GET /api/widget/config) carries the shopper's language's set, chosen
// by the server (./lang.ts), so the loader carries no table of them. The chat's own strings
// (widget/i18n/en.ts…) arrive with the chat, one language at a time.
import type { Lang, WidgetWords } from '../protocol.js';

// The chat's own tables repeat the launcher's three (launcherOpen, launcherClose,
// launcherUnread: for when the shopper switches language); tests/unit/i18n.test.ts keeps them
// the same. Not imported from here: a module shared by the four language files would be split
// off by the build as a chunk of its own, a round trip late.
export const WIDGET_WORDS: Record<Lang, WidgetWords> = {
  en: { open: 'Open chat', close: 'Close chat', unread: '{n} unread', prompt: 'Message from the shop', dismiss: 'Dismiss message' },
  'zh-TW': { open: '開啟對話', close: '關閉對話', unread: '{n} 則未讀', prompt: '商店訊息', dismiss: '關閉訊息' },
  'zh-CN': { open: '打开对话', close: '关闭对话', unread: '{n} 条未读', prompt: '商店消息', dismiss: '关闭消息' },
  th: { open: 'เปิดแชท', close: 'ปิดแชท', unread: 'ยังไม่ได้อ่าน {n} ข้อความ', prompt: 'ข้อความจากร้านค้า', dismiss: 'ปิดข้อความ' },
};
