// Pleasantries are answered in kind, and only a message made of nothing else is one: a
// question that starts with "ok" or "您好" is a question, and "is PayPal ok?" is for the FAQ.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { smallTalk, yesOrNo } from '../../server/faq/small-talk.js';

test('thanks and acknowledgements, in the four languages', () => {
  for (const text of ['ok', 'OK!', 'ok thanks', 'Thank you so much for your help!', 'thanks 👍', 'got it', 'Perfect, thank you',
    'ขอบคุณค่ะ', 'โอเคค่ะ', 'ได้ค่ะ', 'ขอบคุณมากๆ เลยค่ะ', 'ok ค่ะ', '好的', '好的謝謝', '謝謝你', '嗯嗯', '收到，谢谢', '太好了']) {
    assert.equal(smallTalk(text), 'thanks', text);
  }
});

test('greetings, in the four languages', () => {
  for (const text of ['hi', 'Hello there', 'good morning', 'hey!', 'สวัสดีค่ะ', 'หวัดดีครับ', '你好', '您好！', '哈囉']) {
    assert.equal(smallTalk(text), 'greeting', text);
  }
});

test('anything more is not small talk', () => {
  for (const text of ['is PayPal ok?', 'ok how long does shipping take', 'thank you, but my parcel is missing', 'hi I want to return my order',
    'no', 'yes', 'good', '', '👍', 'ได้ไหมคะ', 'สวัสดีค่ะ ส่งของกี่วัน', '您好，请问运费多少', '好贵', '可以退货吗', '多少钱', '银行']) {
    assert.equal(smallTalk(text), null, text);
  }
});

test('a typed yes or no, whole messages only', () => {
  for (const text of ['no', 'No.', 'nope', "No, it didn't", 'not really', '不是', '沒有', '不對啊', '都不是', 'ไม่ใช่ค่ะ', 'ไม่ค่ะ', 'ไม่ได้ครับ']) assert.equal(yesOrNo(text), 'no', text);
  for (const text of ['yes', 'Yes!', 'yeah', '是的', '對', 'ใช่ค่ะ']) assert.equal(yesOrNo(text), 'yes', text);
  for (const text of ['no thanks', 'no account needed?', 'yes I want to return it', 'ไม่มี', 'ไม่ได้รับของ', '不是我要的尺寸', '']) assert.equal(yesOrNo(text), null, text);
});
