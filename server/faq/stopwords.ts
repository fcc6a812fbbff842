// Words too common to tell FAQ entries apart. The lists are deliberately small: scoring
// already discounts frequent words (IDF), and question words ("where", "how", "when",
// 哪里, 怎么, ที่ไหน) often *are* what separates "where is my order" from "how do I order".
// Chinese entries are folded to Simplified before this list is consulted.

const EN = [
  'a', 'an', 'the', 'i', 'me', 'my', 'mine', 'we', 'us', 'our', 'you', 'your', 'it', 'its',
  'is', 'are', 'was', 'were', 'be', 'been', 'am', 'im', 'ive', 'id', 'do', 'does', 'did',
  'to', 'of', 'in', 'on', 'at', 'for', 'with', 'and', 'or', 'so', 'that', 'this', 'these',
  'those', 'please', 'pls', 'plz', 'can', 'could', 'would', 'will', 'should', 'there',
  'just', 'about', 'from', 'by', 'as', 'hi', 'hello', 'hey', 'thanks', 'thank', 'thx',
];

const ZH = [
  '的', '了', '吗', '呢', '吧', '啊', '呀', '嘛', '我', '你', '您', '是', '在', '和', '请',
  '一下', '一个', '个', '么', '我的', '我想', '你好', '您好', '谢谢', '请问',
];

const TH = [
  'ครับ', 'ค่ะ', 'คะ', 'คับ', 'จ้ะ', 'จ้า', 'นะ', 'ฉัน', 'ผม', 'ดิฉัน', 'หนู', 'คุณ', 'ที่', 'ของ',
  'และ', 'หน่อย', 'ไหม', 'มั้ย', 'บ้าง', 'การ', 'ความ', 'สวัสดี', 'ขอบคุณ',
];

export const STOP_WORDS: ReadonlySet<string> = new Set([...EN, ...ZH, ...TH]);

// Question words and all-purpose verbs: they help tell entries apart when the question
// also shares content words with an entry ("where is my order" vs "how do I order"), but
// on their own they make any "how many …?" look like the FAQ's one "how many" entry.
// A question's weak words count for a fraction of their weight (see group.ts).
const EN_WEAK = [
  'how', 'what', 'whats', 'when', 'where', 'which', 'who', 'whom', 'why', 'many', 'much',
  'have', 'has', 'had', 'get', 'got', 'tell', 'know', 'want', 'need', 'like', 'help',
  'any', 'some', 'all', 'more', 'most', 'other', 'if', 'than', 'then', 'also', 'way',
  'make', 'go', 'take', 'give', 'let', 'see', 'use', 'one', 'thing', 'something',
  // Negated auxiliaries (apostrophes are joined: "haven't" → havent): their positive forms
  // are stop or weak words, and the negation rarely tells entries apart ("I haven't received
  // my package" is about the package, not about "I haven't received my refund").
  'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'havent', 'hasnt', 'hadnt',
  'cant', 'cannot', 'couldnt', 'wont', 'wouldnt', 'shouldnt',
];
const ZH_WEAK = [
  '怎么', '怎样', '怎么样', '如何', '什么', '为什么', '哪里', '哪儿', '哪个', '哪', '多少', '几', '谁',
  '可以', '能', '能不能', '可不可以', '想', '要', '需要', '有', '没有', '告诉', '知道', '帮', '帮我', '给', '让',
];
const TH_WEAK = [
  'อะไร', 'ยังไง', 'อย่างไร', 'เมื่อไร', 'เมื่อไหร่', 'ที่ไหน', 'ไหน', 'ทำไม', 'กี่', 'เท่าไร', 'เท่าไหร่', 'ใคร',
  'ได้', 'ต้องการ', 'อยาก', 'ช่วย', 'บอก', 'รู้', 'มี', 'ไม่มี', 'ให้', 'เอา', 'ทำ', 'ไป', 'มา',
];

export const WEAK_WORDS: ReadonlySet<string> = new Set([...EN_WEAK, ...ZH_WEAK, ...TH_WEAK]);
