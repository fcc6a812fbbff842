// A shopper who explicitly asks for a human is handed to an agent, in every language;
// questions that merely mention people are not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wantsHuman } from '../../server/faq/handoff.js';

const ASKS = [
  'I want to talk to a human',
  'can I speak to someone please',
  'connect me with a live agent',
  'AGENT!!!',
  'human please',
  'Is there a real person I can chat with?',
  'I need a customer service representative',
  '我要真人',
  '转人工',
  '轉人工',
  '人工客服',
  '我想找客服',
  '請幫我轉接',
  'ขอคุยกับคนได้ไหม',
  'ขอคุยกับพนักงานค่ะ',
  'ติดต่อเจ้าหน้าที่',
  'แอดมินอยู่ไหมคะ',
  '客服',
  '客服在嗎',
  '有客服嗎',
  'แอดมิน',
  'ขอคุยกับแอดมินได้กี่โมง',
];

const QUESTIONS = [
  'Is this reagent safe to ship?',
  'is this cream safe for human skin',
  'what is your return policy',
  'where is my order',
  'I need someone to sign for the delivery',
  'do you sell travel agents guides',
  '这个是人工智能产品吗',
  '退货运费怎么算',
  'พนักงานส่งของมาช้ามาก',
  'สินค้าจะมาถึงเมื่อไหร่',
  // Questions about the service itself: the FAQ's opening-hours entry answers them.
  '客服幾點上班',
  '客服什么时候在线',
  '客服電話是多少',
  'แอดมินตอบกี่โมง',
  'เจ้าหน้าที่ทำงานวันไหนบ้าง',
  'ขอเบอร์โทรเจ้าหน้าที่',
  '',
];

for (const message of ASKS) {
  test(`"${message}" asks for a human`, () => assert.equal(wantsHuman(message), true));
}

for (const message of QUESTIONS) {
  test(`"${message}" is a question for the FAQ, not a hand-off`, () => assert.equal(wantsHuman(message), false));
}
