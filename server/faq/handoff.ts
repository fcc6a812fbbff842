// Detects a shopper explicitly asking for a human ("agent", "real person", 转人工, คุยกับคน),
// which the bot must honour whatever the FAQ says. Only explicit requests count: a question
// that merely mentions people ("is this safe for human skin?") is a question for the FAQ.

import { foldChinese } from './chinese.js';
import { normalise } from './normalise.js';

// English, on normalised text (lower case, no punctuation, no apostrophes). \b keeps
// "agent" out of "reagent" and "human" out of "humane".
const DET = '(?:(?:a|an|the|some|your|one of your)\\s+)?';
const REAL = '(?:(?:real|live|actual|human|customer service|customer support|support|sales)\\s+)?';
const STAFF = '(?:human|humans|agent|agents|representative|rep|operator|staff|employee|advisor|customer service|support team)';
const EN_REQUESTS = [
  // "I want to talk to a human", "connect me with a live agent", "can I speak to someone"
  new RegExp(
    `\\b(?:talk|speak|chat|connect|transfer|put|contact|reach)(?:\\s+(?:me|us))?(?:\\s+(?:to|with|through to|through|in touch with))?\\s+${DET}${REAL}(?:${STAFF}|person|people|someone|somebody)\\b`,
  ),
  // "I need an agent", "get me a human" (but not "I need someone to sign for it")
  new RegExp(`\\b(?:want|need|get me|give me|request|ask for)\\s+${DET}${REAL}${STAFF}\\b`),
  // "real person", "live agent", "human agent"
  /\b(?:real|live|actual) (?:person|human|agent|people)\b/,
  /\bhuman (?:agent|support|operator|representative)\b/,
];
// A message that is little more than the word ("agent", "human please", "operator!!!").
const EN_BARE = /^(?:(?:an?|the|please|pls|plz|now|i want|want|need|get|me|give me)\s+)*(?:agent|human|humans|person|representative|rep|operator|staff|live chat|someone)(?:\s+(?:please|pls|plz|now))*$/;

// Chinese after folding to Simplified, so 轉人工/真人 and 转人工/真人 are one list.
// 人工 alone also means "artificial" (人工智能) or "labour" (人工费): excluded.
const ZH_REQUESTS = [/真人/, /人工(?!智能|费|成本|合成|材料|皮)/, /转接/];
// Naming the staff is a request ("客服", "客服在吗", "找客服") unless the message asks about
// them (hours, phone number): the FAQ's contact entry answers that, and a shopper it
// does not help is still handed over.
const ZH_STAFF = /客服|工作人员/;
const ZH_ABOUT_STAFF = /几点|什么时候|何时|时间|电话|营业|上班|下班|邮箱/;

// Thai has no spaces, so these are substrings; พนักงานส่ง ("delivery staff") is a
// question about a parcel, not a request for an agent.
const TH_REQUESTS = [/คุยกับ(?:คน|พนักงาน|เจ้าหน้าที่|แอดมิน)/, /คนจริง/, /ติดต่อ(?:คน|ทีมงาน)/];
const TH_STAFF = /พนักงาน(?!ส่ง)|เจ้าหน้าที่|แอดมิน/;
// "what time" (กี่โมง), time (เวลา), which day (วันไหน), phone number (เบอร์), email.
const TH_ABOUT_STAFF = /กี่โมง|เวลา|วันไหน|เบอร์|อีเมล/;

/** True when the message asks for a human agent, in any of the four languages. */
export function wantsHuman(message: string): boolean {
  const text = normalise(message);
  if (text === '') return false;
  if (EN_BARE.test(text) || EN_REQUESTS.some((re) => re.test(text))) return true;
  if (/\p{Script=Han}/u.test(text)) {
    const folded = foldChinese(text);
    if (ZH_REQUESTS.some((re) => re.test(folded))) return true;
    if (ZH_STAFF.test(folded) && !ZH_ABOUT_STAFF.test(folded)) return true;
  }
  if (/\p{Script=Thai}/u.test(text)) {
    if (TH_REQUESTS.some((re) => re.test(text))) return true;
    if (TH_STAFF.test(text) && !TH_ABOUT_STAFF.test(text)) return true;
  }
  return false;
}
