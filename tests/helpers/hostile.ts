// Hostile input for the abuse suites: wrong types, huge and odd strings, deep and polluting
// objects, injection strings. Deterministic (a seeded generator), so a failure reruns the same.
export { seeded } from './seeded.js';

/** Strings that have broken parsers, queries, renderers and logs elsewhere. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '\uD800', // a lone surrogate: not valid UTF-16, becomes U+FFFD in UTF-8
  '\uDFFF\uD800',
  '\u202Eevil\u202C', // right-to-left override
  '\u200B\u200C\u200D\uFEFF', // zero-width characters
  'e\u0301\u0301\u0301\u0301\u0301\u0301', // stacked combining marks
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'ｆｕｌｌ　ｗｉｄｔｈ',
  '𠜎𠜱𠝹𠱓', // astral CJK
  "' OR 1=1 --",
  '"; DROP TABLE messages; --',
  "1' UNION SELECT password_hash FROM agents --",
  '%', '_', '\\', '%00', '../../etc/passwd',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'x'.repeat(5_000),
  'y'.repeat(70_000),
];

function deep(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Objects that try to pollute prototypes once parsed from JSON. */
export function pollutingObjects(): unknown[] {
  return [
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
    JSON.parse('{"__proto__":{"toString":"x","valueOf":"y"}}'),
  ];
}

/** Values of every JSON type, including odd numbers and deep structures. */
export function hostileValues(): unknown[] {
  return [
    null,
    true,
    false,
    0,
    -1,
    1.5,
    -0,
    2 ** 53 + 1,
    1e308,
    [],
    {},
    [1, 'two', null],
    deep(200),
    ...HOSTILE_STRINGS,
    ...pollutingObjects(),
  ];
}

/**
 * Payloads for an object schema with the given property names: each property in turn set to
 * each hostile value (the rest left out), plus whole-payload values and polluting objects.
 * `limit` keeps the count bounded; the choice is seeded.
 */
export function hostilePayloads(propertyNames: readonly string[], limit: number, random: () => number): unknown[] {
  const values = hostileValues();
  const out: unknown[] = [undefined, ...values.slice(0, 14), ...pollutingObjects()];
  const all: unknown[] = [];
  for (const name of propertyNames) {
    for (const value of values) all.push({ [name]: value });
  }
  // Every property at once with a random hostile value, plus pollution keys beside them.
  for (let i = 0; i < 10; i++) {
    const obj: Record<string, unknown> = {};
    for (const name of propertyNames) obj[name] = values[Math.floor(random() * values.length)];
    all.push(Object.assign(JSON.parse('{"__proto__":{"polluted":"yes"}}') as object, obj));
  }
  while (out.length < limit && all.length > 0) {
    out.push(all.splice(Math.floor(random() * all.length), 1)[0]);
  }
  return out.slice(0, limit);
}

/** The property names of a TypeBox (JSON Schema) object schema, if any. */
export function schemaProperties(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}
