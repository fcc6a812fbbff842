// A small made-up shop FAQ shared by the matcher's unit tests (the public evaluation sets
// may only be measured, never copied into tests).
import type { FaqEntry, FaqLang } from '../../server/faq/types.js';

export function faqEntry(id: string, lang: FaqLang, question: string, phrasings: string[] = [], enabled = true): FaqEntry {
  return { id, lang, question, phrasings, answer: `answer to ${id}`, tags: [], enabled };
}

export const SHOP_FAQ: FaqEntry[] = [
  faqEntry('shipping-time', 'en', 'How long does shipping take?', ['When will my parcel arrive?', 'delivery time to my country']),
  faqEntry('shipping-cost', 'en', 'How much does delivery cost?', ['Is postage free over 50 euros?']),
  faqEntry('returns', 'en', 'How do I return an item?', ['Can I send my purchase back for a refund?']),
  faqEntry('payment', 'en', 'Which payment methods do you accept?', ['Can I pay with PayPal or a credit card?']),
  faqEntry('cancel', 'en', 'Can I cancel my order?', ['I ordered by mistake and want to cancel']),
  faqEntry('sizes', 'en', 'How do your sizes run?', ['Which size should I choose, the jeans are tight']),
  faqEntry('gift-wrap', 'en', 'Do you offer gift wrapping?', []),
  faqEntry('zh-returns', 'zh-TW', '請問退貨要怎麼辦理？', ['我想退換商品']),
  faqEntry('zh-shipping-cost', 'zh-TW', '運費怎麼算？', ['買多少可以免運費']),
  faqEntry('zh-payment', 'zh-TW', '可以用信用卡付款嗎？', ['支援哪些付款方式']),
  faqEntry('zh-invoice', 'zh-CN', '可以开发票吗？', ['怎么申请电子发票']),
  faqEntry('th-returns', 'th', 'ฉันต้องการคืนสินค้าต้องทำอย่างไร', ['ขอเปลี่ยนสินค้าได้ไหม']),
  faqEntry('th-shipping-time', 'th', 'สินค้าจะมาถึงเมื่อไหร่', ['จัดส่งกี่วัน']),
  faqEntry('th-payment', 'th', 'ชำระเงินด้วยบัตรเครดิตได้ไหม', ['โอนเงินผ่านธนาคารได้หรือเปล่า']),
];
