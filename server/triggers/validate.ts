// Checks a trigger rule as a shop owner wrote it (console form, import file, API) and says
// what is wrong and how to fix it, by field ("conditions[1].percent: scroll depth must be
// 1-100"). Fills the defaults (enabled, cap, id from the name). The TypeBox schema in
// protocol.ts is the final shape; it is checked last so nothing malformed is ever stored.
import { Value } from '@sinclair/typebox/value';
import { LANGS, TriggerRule, type TriggerCondition } from '../protocol.js';

export interface TriggerFieldError {
  field: string;
  reason: string;
}
export type TriggerCheck = { ok: true; rule: TriggerRule } | { ok: false; errors: TriggerFieldError[] };

const OPS = ['=', '!=', '>', '>=', '<', '<=', 'contains'];
const CONDITION_TYPES = ['page', 'timeOnPage', 'timeOnSite', 'scroll', 'exitIntent', 'idle', 'visitor', 'pagesViewed', 'referrer', 'utmSource', 'device', 'language', 'event', 'agentsOnline'];
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const EVENT_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** An id from a name: "Cart help (EN)" → "cart-help-en". */
export function idFromName(name: string): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return slug || `rule-${Math.abs([...name].reduce((h, c) => (h * 31 + c.codePointAt(0)!) | 0, 7)).toString(36)}`;
}

export function checkTrigger(input: unknown): TriggerCheck {
  const errors: TriggerFieldError[] = [];
  const fail = (field: string, reason: string): void => void errors.push({ field, reason });
  if (!isObj(input)) return { ok: false, errors: [{ field: '', reason: 'a rule must be a JSON object with name, conditions and action' }] };

  const known = new Set(['id', 'name', 'enabled', 'conditions', 'action', 'cap']);
  for (const key of Object.keys(input)) if (!known.has(key)) fail(key, `unknown field "${key}"; a rule has ${[...known].join(', ')}`);

  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) fail('name', 'give the rule a name (1-100 characters), e.g. "Help on the cart page"');
  else if (name.length > 100) fail('name', 'the name can be at most 100 characters');

  let id = input.id === undefined || input.id === '' ? idFromName(name) : input.id;
  if (typeof id !== 'string' || !ID.test(id)) {
    fail('id', 'the id may only use letters, digits, "-" and "_" (at most 64), or leave it out to make one from the name');
    id = '';
  }
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') fail('enabled', 'enabled must be true or false');

  const conditions: unknown[] = Array.isArray(input.conditions) ? input.conditions : [];
  if (!Array.isArray(input.conditions) || conditions.length === 0) fail('conditions', 'add at least one condition (they must all hold), e.g. {"type":"timeOnPage","seconds":10}');
  else if (conditions.length > 20) fail('conditions', 'a rule can have at most 20 conditions');
  conditions.forEach((c, i) => checkCondition(c, `conditions[${i}]`, fail));

  checkAction(input.action, fail);

  const cap = input.cap === undefined ? {} : input.cap;
  if (!isObj(cap)) fail('cap', 'cap must be an object like {"oncePerVisit":true,"days":7}');
  else {
    if (cap.oncePerVisit !== undefined && typeof cap.oncePerVisit !== 'boolean') fail('cap.oncePerVisit', 'oncePerVisit must be true or false');
    if (cap.days !== undefined && !isInt(cap.days, 0, 365)) fail('cap.days', 'days must be a whole number from 0 (no limit) to 365');
    for (const key of Object.keys(cap)) if (key !== 'oncePerVisit' && key !== 'days') fail(`cap.${key}`, `unknown cap "${key}"; use oncePerVisit and days`);
  }
  if (errors.length > 0) return { ok: false, errors };

  const c = cap as Obj;
  const rule = {
    id, name, enabled: input.enabled ?? true, conditions, action: input.action,
    cap: { oncePerVisit: c.oncePerVisit ?? true, days: c.days ?? 0 },
  };
  // The net under the checks above: a shape they missed is still refused, never stored.
  const first = Value.Errors(TriggerRule, rule).First();
  if (first) return { ok: false, errors: [{ field: first.path.replace(/^\//, '').replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.'), reason: first.message }] };
  return { ok: true, rule: rule as TriggerRule };
}

function checkCondition(c: unknown, at: string, fail: (field: string, reason: string) => void): void {
  if (!isObj(c) || typeof c.type !== 'string' || !CONDITION_TYPES.includes(c.type)) {
    fail(`${at}.type`, `the condition type must be one of ${CONDITION_TYPES.join(', ')}`);
    return;
  }
  const allowed: Record<string, string[]> = {
    page: ['include', 'exclude'], timeOnPage: ['seconds'], timeOnSite: ['seconds'], scroll: ['percent'], exitIntent: [], idle: ['seconds'],
    visitor: ['is'], pagesViewed: ['min'], referrer: ['contains'], utmSource: ['contains'], device: ['is'], language: ['in'], event: ['name', 'where'], agentsOnline: ['online'],
  };
  const type = c.type as TriggerCondition['type'];
  for (const key of Object.keys(c)) {
    if (key !== 'type' && !allowed[type]!.includes(key)) fail(`${at}.${key}`, `the ${type} condition has no "${key}"${allowed[type]!.length ? `; it takes ${allowed[type]!.join(', ')}` : ''}`);
  }
  const seconds = (what: string): void => {
    if (!isInt(c.seconds, 1, 86_400)) fail(`${at}.seconds`, `${what} must be a whole number of seconds from 1 to 86400`);
  };
  switch (type) {
    case 'page': {
      const list = (key: 'include' | 'exclude', required: boolean): void => {
        const v = c[key];
        if (v === undefined && !required) return;
        if (!Array.isArray(v) || (required && v.length === 0) || v.length > 20 || !v.every((p) => typeof p === 'string' && p.trim() !== '' && p.length <= 300)) {
          fail(`${at}.${key}`, `${key} must be a list of 1-20 patterns: "/cart*" matches paths starting with /cart, "checkout" matches URLs containing it`);
        }
      };
      list('include', true);
      list('exclude', false);
      return;
    }
    case 'timeOnPage': return seconds('time on page');
    case 'timeOnSite': return seconds('time on site');
    case 'idle': return seconds('idle time');
    case 'scroll':
      if (!isInt(c.percent, 1, 100)) fail(`${at}.percent`, 'scroll depth must be 1-100 (percent of the page, a whole number)');
      return;
    case 'exitIntent': return;
    case 'visitor':
      if (c.is !== 'new' && c.is !== 'returning') fail(`${at}.is`, 'visitor must be "new" (first visit) or "returning"');
      return;
    case 'pagesViewed':
      if (!isInt(c.min, 1, 1000)) fail(`${at}.min`, 'pages viewed must be a whole number from 1 to 1000');
      return;
    case 'referrer':
    case 'utmSource':
      if (typeof c.contains !== 'string' || c.contains.trim() === '' || c.contains.length > 200) fail(`${at}.contains`, `${type === 'referrer' ? 'the referrer' : 'the UTM source'} text to look for must be 1-200 characters`);
      return;
    case 'device':
      if (c.is !== 'mobile' && c.is !== 'desktop') fail(`${at}.is`, 'device must be "mobile" or "desktop"');
      return;
    case 'language':
      if (!Array.isArray(c.in) || c.in.length === 0 || !c.in.every((l) => (LANGS as readonly unknown[]).includes(l))) fail(`${at}.in`, `language must be a list of one or more of ${LANGS.join(', ')}`);
      return;
    case 'event':
      if (typeof c.name !== 'string' || !EVENT_NAME.test(c.name)) fail(`${at}.name`, 'the event name must be 1-64 letters, digits, "_", ".", ":" or "-", as the page sends it: Deskbell.track("cart_updated", {...})');
      if (c.where === undefined) return;
      if (!Array.isArray(c.where) || c.where.length > 10) {
        fail(`${at}.where`, 'where must be a list of at most 10 comparisons like {"field":"value","op":">","value":100}');
        return;
      }
      c.where.forEach((w: unknown, j) => {
        const wat = `${at}.where[${j}]`;
        if (!isObj(w)) return fail(wat, 'a comparison looks like {"field":"value","op":">","value":100}');
        if (typeof w.field !== 'string' || w.field === '' || w.field.length > 64) fail(`${wat}.field`, 'name the event field to compare (1-64 characters)');
        if (typeof w.op !== 'string' || !OPS.includes(w.op)) fail(`${wat}.op`, `the comparison must be one of ${OPS.join(' ')}`);
        const v = w.value;
        if (!(typeof v === 'number' && Number.isFinite(v)) && !(typeof v === 'string' && v.length <= 200) && typeof v !== 'boolean') fail(`${wat}.value`, 'compare with a number, a text (at most 200 characters) or true/false');
        else if (['>', '>=', '<', '<='].includes(String(w.op)) && typeof v !== 'number') fail(`${wat}.value`, `"${String(w.op)}" compares numbers: give a number`);
        for (const key of Object.keys(w)) if (!['field', 'op', 'value'].includes(key)) fail(`${wat}.${key}`, `a comparison has only field, op and value`);
      });
      return;
    case 'agentsOnline':
      if (typeof c.online !== 'boolean') fail(`${at}.online`, 'online must be true (someone is online) or false (nobody is)');
      return;
  }
}

function checkText(v: unknown, field: string, what: string, fail: (field: string, reason: string) => void): void {
  if (!isObj(v) || Object.keys(v).length === 0) {
    fail(field, `${what} needs a text in at least one language, e.g. {"en":"Need help?"}`);
    return;
  }
  for (const [lang, text] of Object.entries(v)) {
    if (!(LANGS as readonly string[]).includes(lang)) fail(`${field}.${lang}`, `"${lang}" is not a language the widget speaks; use ${LANGS.join(', ')}`);
    else if (typeof text !== 'string' || text.trim() === '' || text.length > 500) fail(`${field}.${lang}`, `${what} must be 1-500 characters`);
  }
}

function checkAction(action: unknown, fail: (field: string, reason: string) => void): void {
  if (!isObj(action)) {
    fail('action', 'add an action like {"kind":"bubble","text":{"en":"Need help?"}}');
    return;
  }
  if (action.kind !== 'bubble' && action.kind !== 'open') fail('action.kind', 'the action kind must be "bubble" (beside the launcher) or "open" (open the chat with the message)');
  checkText(action.text, 'action.text', 'the message', fail);
  if (action.replies !== undefined) {
    if (!Array.isArray(action.replies) || action.replies.length > 3) fail('action.replies', 'give at most 3 quick replies, each with a text per language');
    else action.replies.forEach((r: unknown, i) => checkText(r, `action.replies[${i}]`, 'a quick reply', fail));
  }
  if (action.faqId !== undefined && (typeof action.faqId !== 'string' || action.faqId.trim() === '' || action.faqId.length > 200)) fail('action.faqId', 'faqId must be the id of a FAQ entry (see the FAQ manager), or left out');
  for (const key of Object.keys(action)) if (!['kind', 'text', 'replies', 'faqId'].includes(key)) fail(`action.${key}`, `an action has only kind, text, replies and faqId`);
}

/** A whole file's rules, all or nothing: errors carry the rule's index (0-based) and field. */
export function checkTriggerList(input: unknown): { ok: true; rules: TriggerRule[] } | { ok: false; errors: Array<TriggerFieldError & { index: number }> } {
  if (!Array.isArray(input)) return { ok: false, errors: [{ index: -1, field: '', reason: 'the file must hold a JSON array of rules, as deskbell triggers export prints' }] };
  const errors: Array<TriggerFieldError & { index: number }> = [];
  const rules: TriggerRule[] = [];
  const seen = new Map<string, number>();
  input.forEach((item, index) => {
    const checked = checkTrigger(item);
    if (!checked.ok) return void errors.push(...checked.errors.map((e) => ({ index, ...e })));
    const before = seen.get(checked.rule.id);
    if (before !== undefined) errors.push({ index, field: 'id', reason: `rule ${before} already has the id "${checked.rule.id}"; ids must be unique` });
    seen.set(checked.rule.id, index);
    rules.push(checked.rule);
  });
  if (input.length > 200) errors.push({ index: -1, field: '', reason: 'a site can have at most 200 rules' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules };
}
