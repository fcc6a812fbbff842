// Traditional/Simplified Chinese folding: every Chinese text is converted to Simplified
// before segmentation, so a question in one script finds an entry written in the other.

// The `t2cn` build carries only the Traditional→Simplified dictionaries (~110 kB instead
// of 1.2 MB for both directions). Folding goes that way because it is the many-to-one
// direction: 髮 and 發 both become 发, whereas 发 → 髮/發 would need context.
import * as OpenCC from 'opencc-js/t2cn';

const HAN = /\p{Script=Han}/u;

let convert: ((text: string) => string) | undefined;

/**
 * Converts Traditional Chinese (Taiwan usage, including its phrases: 軟體 → 软件,
 * 滑鼠 → 鼠标) to Simplified. Text without Han characters is returned untouched.
 * The converter is built on first use (~15 ms: it loads the dictionaries into tries),
 * so sites without Chinese never pay for it.
 */
export function foldChinese(text: string): string {
  if (!HAN.test(text)) return text;
  const fold = convert ?? (convert = OpenCC.Converter({ from: 'twp', to: 'cn' }));
  return fold(text);
}

/** True when folding changes the text, i.e. it is written in Traditional characters. */
export function isTraditional(text: string): boolean {
  return foldChinese(text) !== text;
}
