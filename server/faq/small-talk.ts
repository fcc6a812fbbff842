// A message that is only a pleasantry — "ok", "thanks", "hi", 謝謝, 好的, ขอบคุณค่ะ — is not a
// question for the FAQ. Matched, "ok" found the payment entry through its phrasing "is PayPal
// ok?" and was answered with payment methods; unmatched, "thanks" was handed to a person with
// "I couldn't find an answer to that", putting a thank-you in the agents' queue. The bot
// answers it in kind instead. Only a message made of nothing else counts: "ok, how long does
// shipping take?" is a question.
import { foldChinese } from './chinese.js';
import { normalise } from './normalise.js';

export type SmallTalk = 'thanks' | 'greeting';

// English, on normalised text (lower case, no punctuation or apostrophes): whole words.
const EN_THANKS = ['ok', 'okay', 'okey', 'okie', 'k', 'kk', 'thanks', 'thank', 'thx', 'ty', 'tks', 'cheers', 'great', 'cool', 'perfect',
  'nice', 'awesome', 'alright', 'fine', 'sure', 'noted', 'understood', 'got', 'bye', 'goodbye', 'excellent', 'wonderful'];
const EN_GREETING = ['hi', 'hello', 'hey', 'hiya', 'yo', 'morning', 'afternoon', 'evening'];
/** Words that go with them ("thank you so much for your help", "got it", "good morning"). */
const EN_WITH = new Set(['you', 'so', 'very', 'much', 'a', 'lot', 'again', 'for', 'the', 'your', 'help', 'it', 'all', 'right', 'guys',
  'team', 'and', 'that', 'there', 'see', 'later', 'many', 'then', 'oh', 'ah', 'good', 'u', 'ya', 'yeah', 'just', 'now']);

// Chinese after folding to Simplified; Thai as written (no spaces): pieces that may repeat.
const ZH_THANKS = /谢谢|多谢|感谢|谢啦|好的|好滴|好哒|好吧|好|嗯|哦|噢|喔|了解|知道了|明白|收到|没问题|可以了|行|拜拜|再见|ok|3q/g;
const ZH_GREETING = /你好|您好|哈啰|哈喽|嗨|早安|午安|晚安|早上好|晚上好|hi|hello/g;
const ZH_WITH = /你|您|啦|了|呀|啊|哈|喔|哦|的|们|大家|非常|很|太|多|亲/g;
const TH_THANKS = /ขอบคุณ|ขอบใจ|โอเค|ok|ได้|เข้าใจแล้ว|รับทราบ|ทราบแล้ว|ดีเลย|เยี่ยม|บาย|แค่นี้/g;
const TH_GREETING = /สวัสดี|หวัดดี|ดีจ้า|hello|hi/g;
const TH_WITH = /ค่ะ|คะ|ครับ|คับ|ค่า|จ้า|จ้ะ|จ๊ะ|นะ|ฮะ|มาก|ๆ|เลย|แล้ว|จ้ะ|ที่|ช่วย|นะคะ/g;

/** The message's words: normalised, punctuation and emoji out (Thai vowel and tone marks kept). */
function wordsOf(message: string): string {
  return normalise(message).replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' ').trim().replace(/\s+/g, ' ');
}

/**
 * What kind of pleasantry the message is, or null when it says anything more. None of the
 * words names a person, so a pleasantry is never also an ask for one (handoff.ts).
 */
export function smallTalk(message: string): SmallTalk | null {
  const text = wordsOf(message);
  if (text === '' || text.length > 80) return null;
  if (/\p{Script=Han}/u.test(text)) return pieces(foldChinese(text).replace(/\s+/g, ''), ZH_THANKS, ZH_GREETING, ZH_WITH);
  if (/\p{Script=Thai}/u.test(text)) return pieces(text.replace(/\s+/g, ''), TH_THANKS, TH_GREETING, TH_WITH);
  const words = text.split(' ');
  const thanks = words.some((w) => EN_THANKS.includes(w));
  const greeting = words.some((w) => EN_GREETING.includes(w));
  if (!words.every((w) => EN_THANKS.includes(w) || EN_GREETING.includes(w) || EN_WITH.has(w))) return null;
  return thanks ? 'thanks' : greeting ? 'greeting' : null;
}

/** The text is nothing but these pieces: thanks wins over a greeting ("hi, thanks"). */
function pieces(text: string, thanks: RegExp, greeting: RegExp, withThem: RegExp): SmallTalk | null {
  const isGreeting = greeting.test(text);
  const rest = text.replace(greeting, '');
  const isThanks = thanks.test(rest);
  greeting.lastIndex = thanks.lastIndex = 0;
  if (rest.replace(thanks, '').replace(withThem, '') !== '') return null;
  return isThanks ? 'thanks' : isGreeting ? 'greeting' : null;
}

// A typed answer to "Did this answer your question?" or "Did you mean…": shoppers write "no"
// as often as they press No. Whole messages only, with the particles that go with them.
const EN_YES = /^(?:yes|yep|yeah|yup|ya|it did|that helped|it helped|helpful|yes (?:it did|thanks|thank you|that helped))$/;
const EN_NO = /^(?:no|nope|nah|not really|no it didnt|it didnt|didnt help|that didnt help|not helpful|no that didnt help|wrong|no thats not it)$/;
const ZH_YES = /^(?:是|是的|对|对的|有|有用|有帮助|对啊|是啊|没错)$/;
const ZH_NO = /^(?:不是|没有|不对|没用|没有用|没帮助|没有帮助|不行|都不是)$/;
const TH_YES = /^(?:ใช่|ช่วยได้|ได้คำตอบแล้ว)$/;
const TH_NO = /^(?:ไม่|ไม่ใช่|ไม่ได้|ไม่ช่วย|ไม่ตรง|ยังไม่ได้)$/;
const ZH_PARTICLES = /[啊呀啦了的哦喔吧呢哈]+$/;
const TH_PARTICLES = /(?:ค่ะ|คะ|ครับ|คับ|ค่า|จ้า|นะ|เลย|เลยค่ะ|เลยครับ)+$/;

/** "yes" or "no" when the whole message is one, in any of the four languages; else null. */
export function yesOrNo(message: string): 'yes' | 'no' | null {
  const text = wordsOf(message);
  if (text === '' || text.length > 40) return null;
  if (/\p{Script=Han}/u.test(text)) {
    const zh = foldChinese(text).replace(/\s+/g, '').replace(ZH_PARTICLES, '');
    return ZH_YES.test(zh) ? 'yes' : ZH_NO.test(zh) ? 'no' : null;
  }
  if (/\p{Script=Thai}/u.test(text)) {
    const th = text.replace(/\s+/g, '').replace(TH_PARTICLES, '');
    return TH_YES.test(th) ? 'yes' : TH_NO.test(th) ? 'no' : null;
  }
  return EN_YES.test(text) ? 'yes' : EN_NO.test(text) ? 'no' : null;
}
