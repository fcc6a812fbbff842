// The console's style sheets are plain CSS: every rule at the top level or inside an at-rule
// (@media, @supports…), none inside another rule. Chromium reads a rule left open by a lost
// `}` as CSS nesting, not as an error: a merge that dropped one brace once put every later
// rule of styles.css inside `.hint.warning`, and the pages merely looked wrong.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');

/** Where a style rule opens inside another style rule, or the braces do not balance; null when neither. */
function nestingProblem(css: string): string | null {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, (s) => ' '.repeat(s.length));
  const open: Array<{ rule: boolean; line: number }> = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (c === ';') start = i + 1;
    if (c === '{') {
      const rule = !text.slice(start, i).trim().startsWith('@');
      if (rule && open.some((b) => b.rule)) return `line ${line}: a rule inside the rule opened on line ${open.findLast((b) => b.rule)!.line} (a lost "}"?)`;
      open.push({ rule, line });
      start = i + 1;
    }
    if (c === '}') {
      if (!open.pop()) return `line ${line}: a "}" that closes nothing`;
      start = i + 1;
    }
  }
  return open.length > 0 ? `the block opened on line ${open.at(-1)!.line} is never closed` : null;
}

describe("the console's style sheets", () => {
  test('the check finds a lost brace and a stray one, and passes plain CSS with @media', () => {
    assert.equal(nestingProblem('.a { color: red; }\n@media (max-width: 1px) { .b { color: blue; } }'), null);
    assert.match(nestingProblem('.a { color: red;\n.b { color: blue; }\n') ?? '', /line 2: a rule inside the rule opened on line 1/);
    assert.match(nestingProblem('.a { color: red; } }') ?? '', /closes nothing/);
    assert.equal(nestingProblem('.a::after { content: "}"; }'), null, 'braces in strings are text');
  });

  for (const file of ['styles.css', 'reports.css']) {
    test(`${file}: no rule inside another`, () => {
      assert.equal(nestingProblem(readFileSync(join(ROOT, 'server/console', file), 'utf8')), null);
    });
  }
});
