// Every language's chat strings at once: for tests and tools. The widget never imports this
// file (the loader fetches one language's table beside the chat; see widget/loader/).
import type { Lang } from '../../server/protocol.js';
import { en, type Strings } from './en.js';
import { th } from './th.js';
import { zhCN } from './zh-CN.js';
import { zhTW } from './zh-TW.js';

export const STRINGS: Record<Lang, Strings> = { en, 'zh-TW': zhTW, 'zh-CN': zhCN, th };
