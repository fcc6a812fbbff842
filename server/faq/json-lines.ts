// Line numbers for JSON files. JSON.parse says where nothing is (and in Node 20 often not
// even where a syntax error is), but a shop owner fixing a 2,000-entry file needs "line 7".
// Two small scanners: one finds the lines of a valid top-level array's elements and their
// keys, the other the first syntax error of an invalid text.

export interface ElementLines {
  line: number;
  /** The line of each of the element's own keys, when it is an object. */
  keys: Map<string, number>;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** The line (1-based) of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The lines of the elements of a top-level array in `text`, which JSON.parse accepted. */
export function jsonElementLines(text: string): ElementLines[] {
  const elements: ElementLines[] = [];
  const stack: string[] = [];
  let line = 1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\n') line++;
    if (WHITESPACE.has(c) || c === ':') continue;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (stack.length === 1) elements.push({ line, keys: new Map() });
      else if (stack.length === 2 && stack[1] === '{' && expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        const keys = elements.at(-1)?.keys;
        if (keys && !keys.has(key)) keys.set(key, line);
        expectKey = false;
      }
      continue;
    }
    if (c === '[' || c === '{') {
      if (stack.length === 1) elements.push({ line, keys: new Map() });
      stack.push(c);
      if (c === '{' && stack.length === 2) expectKey = true;
      continue;
    }
    if (c === ']' || c === '}') {
      stack.pop();
      continue;
    }
    if (c === ',') {
      if (stack.length === 2 && stack[1] === '{') expectKey = true;
      continue;
    }
    // A number, true, false or null.
    if (stack.length === 1) elements.push({ line, keys: new Map() });
    while (i + 1 < text.length && !WHITESPACE.has(text[i + 1] ?? '') && !',]}'.includes(text[i + 1] ?? '')) i++;
  }
  return elements;
}

class SyntaxStop {
  constructor(readonly offset: number, readonly reason: string) {}
}

/** Where and why `text` is not JSON (a small recursive-descent reader of RFC 8259). */
export function findJsonError(text: string): { line: number; reason: string } | null {
  let i = 0;
  const here = (): string => {
    if (i >= text.length) return 'the file ends too early';
    return `unexpected ${text[i] === '"' ? `'"'` : JSON.stringify(text[i])}`;
  };
  const fail = (reason: string): never => {
    throw new SyntaxStop(i, reason);
  };
  const space = (): void => {
    while (i < text.length && WHITESPACE.has(text[i] ?? '')) i++;
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail('a text in double quotes never ends');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('a line break or control character inside a text in quotes; write \\n for a line break');
      if (c === 0x5c) {
        const e = text[i + 1] ?? '';
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else fail('a backslash must start an escape like \\n, \\" or \\\\');
        continue;
      }
      i++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(`${here()} where a value should be (texts go in double quotes)`);
  };
  const object = (): void => {
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (let first = true; ; first = false) {
      space();
      if (text[i] !== '"') {
        fail(`${here()} where a field name in double quotes should be${first || text[i] === undefined ? '' : ' (is there a comma after the last field?)'}`);
      }
      string();
      space();
      if (text[i] !== ':') fail(`${here()}; a ":" should follow the field name`);
      i++;
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`${here()}; a "," or "}" should follow the field's value`);
    }
  };
  const array = (): void => {
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      space();
      if (text[i] === ',') {
        i++;
        space();
        if (text[i] === ']') fail('a comma after the last item of a list');
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`${here()}; a "," or "]" should follow a list item`);
    }
  };
  try {
    space();
    if (i >= text.length) fail('the file is empty');
    value();
    space();
    if (i < text.length) fail(`${here()} after the end of the data`);
    return null;
  } catch (err) {
    if (!(err instanceof SyntaxStop)) throw err;
    return { line: lineAt(text, err.offset), reason: err.reason };
  }
}
