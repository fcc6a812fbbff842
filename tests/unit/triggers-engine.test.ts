// Trigger rules evaluated as the widget does, with a fake clock and storage: when a prompt
// shows, and every cap that keeps it from nagging.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TriggerCondition, WidgetTrigger } from '../../server/protocol.js';
import { compare, pageMatches, type Env } from '../../widget/triggers/conditions.js';
import { createEngine, QUIET_MS, startVisit, VISIT_GAP_MS, type Need } from '../../widget/triggers/engine.js';
import type { KeyValue } from '../../widget/storage.js';

/** A clock whose timers run only when the test moves time on. */
function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn: () => void, ms: number) {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout(h: unknown) {
      timers.delete(h as number);
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}

function memoryStorage(): KeyValue {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k) ?? null, set: (k, v) => void m.set(k, v), remove: (k) => void m.delete(k) };
}

const rule = (id: string, conditions: TriggerCondition[], cap: Partial<WidgetTrigger['cap']> = {}): WidgetTrigger => ({
  id, conditions, action: { kind: 'bubble', text: { en: `prompt ${id}` } }, cap: { oncePerVisit: true, days: 0, ...cap },
});

function page(rules: WidgetTrigger[], options: { clock?: ReturnType<typeof fakeClock>; storage?: KeyValue; env?: Partial<Env>; blocked?: () => boolean; url?: string } = {}) {
  const clock = options.clock ?? fakeClock();
  const storage = options.storage ?? memoryStorage();
  const url = options.url ?? 'https://shop.example/cart';
  const shown: string[] = [];
  let signal: ((c: { scroll?: number; exit?: boolean; lastActivity?: number }) => void) | null = null;
  const watched: Array<Set<Need>> = [];
  const visit = startVisit(storage, clock.now(), url);
  const engine = createEngine({
    rules,
    env: { url, referrer: '', lang: 'en', mobile: false, agentsOnline: () => false, ...options.env },
    storage,
    clock,
    watch(needs, s) {
      watched.push(new Set(needs));
      signal = s;
      return () => {
        signal = null;
      };
    },
    show: (r) => shown.push(r.id),
    blocked: options.blocked ?? (() => false),
  }, visit);
  return { engine, clock, storage, shown, watched, visit, signal: (c: Parameters<NonNullable<typeof signal>>[0]) => signal?.(c), watching: () => signal !== null };
}

describe('trigger conditions', () => {
  test('page patterns: "/" starts a path glob, anything else is "URL contains"; exclusions win', () => {
    assert.ok(pageMatches('https://shop.example/cart', ['/cart*']));
    assert.ok(pageMatches('https://shop.example/cart.html?x=1', ['/cart*']));
    assert.ok(!pageMatches('https://shop.example/checkout', ['/cart*']));
    assert.ok(pageMatches('https://shop.example/products/tee', ['/products/*']));
    assert.ok(pageMatches('https://shop.example/p?id=leaf-tee', ['id=leaf']));
    assert.ok(!pageMatches('https://shop.example/products/gift-card', ['/products/*'], ['gift']));
  });

  test('event comparisons: numbers, text, missing fields', () => {
    const data = { value: 1250, items: 3, coupon: 'WELCOME10', nested: { tier: 'gold' } };
    assert.ok(compare(data, { field: 'value', op: '>', value: 1000 }));
    assert.ok(!compare(data, { field: 'value', op: '<', value: 1000 }));
    assert.ok(compare(data, { field: 'items', op: '>=', value: 3 }));
    assert.ok(compare(data, { field: 'coupon', op: 'contains', value: 'welcome' }));
    assert.ok(compare(data, { field: 'coupon', op: '!=', value: 'OTHER' }));
    assert.ok(compare(data, { field: 'nested.tier', op: '=', value: 'gold' }));
    assert.ok(!compare(data, { field: 'missing', op: '!=', value: 'x' }));
    assert.ok(!compare({ value: 'lots' }, { field: 'value', op: '>', value: 1 }));
  });
});

describe('the trigger engine', () => {
  test('time on page: shown once the seconds have passed, not before', () => {
    const p = page([rule('cart', [{ type: 'page', include: ['/cart*'] }, { type: 'timeOnPage', seconds: 5 }])]);
    p.clock.advance(4_999);
    assert.deepEqual(p.shown, []);
    p.clock.advance(1);
    assert.deepEqual(p.shown, ['cart']);
  });

  test('a rule for another page never shows and watches nothing', () => {
    const p = page([rule('checkout', [{ type: 'page', include: ['/checkout*'] }, { type: 'scroll', percent: 50 }])]);
    p.clock.advance(60_000);
    assert.deepEqual(p.shown, []);
    assert.equal(p.watching(), false);
  });

  test('scroll depth: the watcher is attached only while needed, and removed once the prompt shows', () => {
    const p = page([rule('deep', [{ type: 'scroll', percent: 60 }])]);
    assert.deepEqual([...p.engine.needs], ['scroll']);
    p.signal({ scroll: 59 });
    assert.deepEqual(p.shown, []);
    p.signal({ scroll: 61 });
    assert.deepEqual(p.shown, ['deep']);
    assert.equal(p.watching(), false, 'listeners are removed after the prompt');
  });

  test('exit intent and idle', () => {
    const exit = page([rule('leave', [{ type: 'exitIntent' }])]);
    assert.deepEqual([...exit.engine.needs], ['exit']);
    exit.signal({ exit: true });
    assert.deepEqual(exit.shown, ['leave']);

    const idle = page([rule('idle', [{ type: 'idle', seconds: 10 }])]);
    idle.clock.advance(8_000);
    idle.signal({ lastActivity: idle.clock.now() });
    idle.clock.advance(8_000);
    assert.deepEqual(idle.shown, [], 'activity restarts the idle time');
    idle.clock.advance(2_000);
    assert.deepEqual(idle.shown, ['idle']);
  });

  test('a custom event above a value', () => {
    const p = page([rule('big-cart', [{ type: 'event', name: 'cart_updated', where: [{ field: 'value', op: '>', value: 3000 }] }])]);
    p.engine.track('cart_updated', { value: 1280, items: 1 });
    assert.deepEqual(p.shown, []);
    p.engine.track('cart_updated', { value: 3840, items: 3 });
    assert.deepEqual(p.shown, ['big-cart']);
  });

  test('priority: the first rule whose conditions hold wins, and only one prompt per page view', () => {
    const p = page([rule('a', [{ type: 'timeOnPage', seconds: 10 }]), rule('b', [{ type: 'timeOnPage', seconds: 2 }]), rule('c', [{ type: 'timeOnPage', seconds: 1 }])]);
    p.clock.advance(60_000);
    assert.deepEqual(p.shown, ['c'], 'the first to hold; the others wait for another page');
  });

  test('once per visit: not on the next page of the visit, again on the next visit', () => {
    const storage = memoryStorage();
    const clock = fakeClock();
    const rules = [rule('cart', [{ type: 'timeOnPage', seconds: 1 }])];
    assert.deepEqual((() => { const p = page(rules, { storage, clock }); clock.advance(1_000); return p.shown; })(), ['cart']);
    const second = page(rules, { storage, clock });
    clock.advance(10_000);
    assert.deepEqual(second.shown, []);
    clock.advance(VISIT_GAP_MS);
    const nextVisit = page(rules, { storage, clock });
    assert.equal(nextVisit.visit.n, 2);
    clock.advance(1_000);
    assert.deepEqual(nextVisit.shown, ['cart']);
  });

  test('once per N days per visitor, across visits', () => {
    const storage = memoryStorage();
    const clock = fakeClock();
    const rules = [rule('weekly', [{ type: 'timeOnPage', seconds: 1 }], { oncePerVisit: false, days: 7 })];
    const first = page(rules, { storage, clock });
    clock.advance(1_000);
    assert.deepEqual(first.shown, ['weekly']);
    clock.advance(3 * 86_400_000);
    const later = page(rules, { storage, clock });
    clock.advance(1_000);
    assert.deepEqual(later.shown, [], 'three days later: still capped');
    clock.advance(4 * 86_400_000);
    const week = page(rules, { storage, clock });
    clock.advance(1_000);
    assert.deepEqual(week.shown, ['weekly']);
  });

  test('a dismissal starts a quiet period for every rule, even on later pages', () => {
    const storage = memoryStorage();
    const clock = fakeClock();
    const first = page([rule('a', [{ type: 'timeOnPage', seconds: 1 }])], { storage, clock });
    clock.advance(1_000);
    first.engine.dismissed();
    const next = page([rule('b', [{ type: 'timeOnPage', seconds: 1 }])], { storage, clock });
    clock.advance(QUIET_MS - 2_000);
    assert.deepEqual(next.shown, []);
    clock.advance(2_000);
    assert.deepEqual(next.shown, ['b'], 'after the quiet period, on the same page');
  });

  test('never while blocked (typing, panel open, talking to a person); shown when unblocked and checked', () => {
    let blocked = true;
    const p = page([rule('cart', [{ type: 'timeOnPage', seconds: 1 }])], { blocked: () => blocked });
    p.clock.advance(30_000);
    assert.deepEqual(p.shown, []);
    blocked = false;
    p.engine.check();
    assert.deepEqual(p.shown, ['cart']);
  });

  test('visitor, pages viewed, referrer, UTM source, device, language, agents online', () => {
    const storage = memoryStorage();
    const clock = fakeClock();
    const url = 'https://shop.example/?utm_source=Newsletter';
    const rules = [
      rule('returning', [{ type: 'visitor', is: 'returning' }]),
      rule('third-page', [{ type: 'pagesViewed', min: 3 }]),
      rule('news', [{ type: 'utmSource', contains: 'newsletter' }, { type: 'referrer', contains: 'mail.example' }, { type: 'device', is: 'mobile' }, { type: 'language', in: ['th'] }, { type: 'agentsOnline', online: true }]),
    ];
    const env = { referrer: 'https://mail.example/inbox', mobile: true, lang: 'th', agentsOnline: () => true };
    const first = page(rules, { storage, clock, url, env });
    assert.deepEqual(first.shown, ['news']);
    clock.advance(1_000);
    const second = page(rules, { storage, clock, url: 'https://shop.example/a', env });
    assert.deepEqual(second.shown, [], 'a new visitor on page 2 of the visit');
    const third = page(rules, { storage, clock, url: 'https://shop.example/b', env });
    assert.deepEqual(third.shown, ['third-page']);
    clock.advance(VISIT_GAP_MS);
    const back = page(rules, { storage, clock, url: 'https://shop.example/b', env: { ...env, lang: 'en' } });
    assert.deepEqual(back.shown, ['returning']);
  });

  test('a single-page shop navigates: the new page is a page view of its own, with its rules, timers and one prompt', () => {
    const storage = memoryStorage();
    const clock = fakeClock();
    const rules = [
      rule('cart-wait', [{ type: 'page', include: ['/cart*'] }, { type: 'timeOnPage', seconds: 20 }], { oncePerVisit: false }),
      rule('home', [{ type: 'page', include: ['/'] }], { oncePerVisit: false }),
      rule('third-page', [{ type: 'pagesViewed', min: 3 }], { oncePerVisit: false }),
    ];
    const p = page(rules, { storage, clock, url: 'https://shop.example/' });
    assert.deepEqual(p.shown, ['home'], 'one prompt on the first view');

    clock.advance(30_000);
    p.engine.navigated('https://shop.example/cart', startVisit(storage, clock.now(), 'https://shop.example/cart'));
    assert.deepEqual(p.shown, ['home'], 'on the cart, its time on page starts again at the navigation');
    clock.advance(19_000);
    assert.deepEqual(p.shown, ['home']);
    clock.advance(1_000);
    assert.deepEqual(p.shown, ['home', 'cart-wait'], '20 s after arriving on the cart');

    p.engine.navigated('https://shop.example/products/lantern', startVisit(storage, clock.now(), 'https://shop.example/products/lantern'));
    assert.deepEqual(p.shown, ['home', 'cart-wait', 'third-page'], 'the third page of the visit, counted across navigations');
  });
});
