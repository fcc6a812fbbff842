// What the bot says in its own words (FAQ answers are the shop's words), per language.
// The bot never pretends to be a person: its messages are marked as the bot's everywhere.
import type { SmallTalk } from './faq/small-talk.js';
import type { Lang } from './protocol.js';

export interface BotPhrases {
  didYouMean: string;
  handoffOnline: string;
  handoffOffline: string;
  noMatchOnline: string;
  noMatchOffline: string;
  /** To a pleasantry (faq/small-talk.ts): "thanks" and "ok", then a greeting. */
  welcome: string;
  hello: string;
}

export const BOT_PHRASES: Record<Lang, BotPhrases> = {
  en: {
    didYouMean: 'Did you mean:',
    handoffOnline: "I'm passing you to a person on our team. They'll reply here shortly — you can keep writing meanwhile.",
    handoffOffline: "I've passed your question to our team. No one is online right now; leave your message here and we'll reply as soon as we're back.",
    noMatchOnline: "I couldn't find an answer to that, so I've asked a person on our team to help. They'll reply here shortly.",
    noMatchOffline: "I couldn't find an answer to that. No one is online right now; leave your message here and our team will reply as soon as they're back.",
    welcome: "You're welcome! Is there anything else I can help with?",
    hello: 'Hi! What would you like to know? Ask me anything, or ask for a person on our team.',
  },
  'zh-TW': {
    didYouMean: '您是不是想問：',
    handoffOnline: '我已為您轉接真人客服，稍後會在這裡回覆您，等待期間您可以繼續留言。',
    handoffOffline: '我已把您的問題轉給客服團隊。目前沒有客服在線，請在這裡留言，我們上線後會盡快回覆。',
    noMatchOnline: '我找不到這個問題的答案，已請真人客服協助，稍後會在這裡回覆您。',
    noMatchOffline: '我找不到這個問題的答案。目前沒有客服在線，請在這裡留言，客服上線後會盡快回覆。',
    welcome: '不客氣！還有什麼可以幫您的嗎？',
    hello: '您好！請問想了解什麼呢？可以直接問我，也可以請真人客服協助。',
  },
  'zh-CN': {
    didYouMean: '您是不是想问：',
    handoffOnline: '我已为您转接人工客服，稍后会在这里回复您，等待期间您可以继续留言。',
    handoffOffline: '我已把您的问题转给客服团队。目前没有客服在线，请在这里留言，我们上线后会尽快回复。',
    noMatchOnline: '我没有找到这个问题的答案，已请人工客服协助，稍后会在这里回复您。',
    noMatchOffline: '我没有找到这个问题的答案。目前没有客服在线，请在这里留言，客服上线后会尽快回复。',
    welcome: '不客气！还有什么可以帮您的吗？',
    hello: '您好！请问想了解什么呢？可以直接问我，也可以请人工客服协助。',
  },
  th: {
    didYouMean: 'คุณหมายถึงเรื่องนี้หรือเปล่าคะ',
    handoffOnline: 'กำลังส่งต่อให้เจ้าหน้าที่ของเรา จะตอบกลับที่นี่ในไม่ช้า ระหว่างนี้พิมพ์ข้อความเพิ่มได้เลยค่ะ',
    handoffOffline: 'ส่งคำถามของคุณให้ทีมงานแล้ว ตอนนี้ยังไม่มีเจ้าหน้าที่ออนไลน์ ฝากข้อความไว้ที่นี่ได้เลย แล้วเราจะรีบตอบกลับค่ะ',
    noMatchOnline: 'ขออภัย ไม่พบคำตอบสำหรับคำถามนี้ จึงส่งต่อให้เจ้าหน้าที่ช่วยดูแล จะตอบกลับที่นี่ในไม่ช้าค่ะ',
    noMatchOffline: 'ขออภัย ไม่พบคำตอบสำหรับคำถามนี้ ตอนนี้ยังไม่มีเจ้าหน้าที่ออนไลน์ ฝากข้อความไว้ที่นี่ได้เลย แล้วทีมงานจะรีบตอบกลับค่ะ',
    welcome: 'ยินดีค่ะ มีอะไรให้ช่วยอีกไหมคะ',
    hello: 'สวัสดีค่ะ อยากทราบเรื่องอะไรคะ ถามได้เลย หรือจะขอคุยกับเจ้าหน้าที่ก็ได้ค่ะ',
  },
};

/** The bot's reply in kind to a pleasantry (faq/small-talk.ts). */
export function replyInKind(talk: SmallTalk, lang: Lang): string {
  return BOT_PHRASES[lang][talk === 'thanks' ? 'welcome' : 'hello'];
}
