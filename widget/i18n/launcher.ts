// The few words the loader says before the chat is loaded: the launcher's label, its unread
// count and the prompt bubble's. Kept apart from the chat's strings (widget/i18n/en.ts…), which
// arrive with the chat, one language at a time.
import type { Lang } from '../../server/protocol.js';

export interface LauncherStrings {
  open: string;
  close: string;
  /** `{n}` is the count. */
  unread: string;
  prompt: string;
  dismiss: string;
}

export const LAUNCHER: Record<Lang, LauncherStrings> = {
  en: { open: 'Open chat', close: 'Close chat', unread: '{n} unread', prompt: 'Message from the shop', dismiss: 'Dismiss message' },
  'zh-TW': { open: '開啟對話', close: '關閉對話', unread: '{n} 則未讀', prompt: '商店訊息', dismiss: '關閉訊息' },
  'zh-CN': { open: '打开对话', close: '关闭对话', unread: '{n} 条未读', prompt: '商店消息', dismiss: '关闭消息' },
  th: { open: 'เปิดแชท', close: 'ปิดแชท', unread: 'ยังไม่ได้อ่าน {n} ข้อความ', prompt: 'ข้อความจากร้านค้า', dismiss: 'ปิดข้อความ' },
};
