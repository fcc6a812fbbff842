// The pages of this visit: in order, no repeats for a reload, a long gap starts a new visit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VISIT_GAP_MS, VisitTrail } from '../../server/routing/visit-trail.js';

test('keeps the pages of this visit in order, without repeating a reload', () => {
  const trail = new VisitTrail();
  trail.record('v', { url: 'https://s/a', title: 'A' }, 1000);
  trail.record('v', { url: 'https://s/a', title: 'A' }, 2000);
  trail.record('v', { url: 'https://s/b', title: 'B' }, 3000);
  assert.deepEqual(trail.pages('v', 4000).map((p) => p.url), ['https://s/a', 'https://s/b']);
  assert.deepEqual(trail.pages('other', 4000), []);
});

test('a long gap starts a new visit; an ended visit shows nothing', () => {
  const trail = new VisitTrail();
  trail.record('v', { url: 'https://s/a', title: 'A' }, 0);
  assert.deepEqual(trail.pages('v', VISIT_GAP_MS + 1), []);
  trail.record('v', { url: 'https://s/c', title: 'C' }, VISIT_GAP_MS + 10);
  assert.deepEqual(trail.pages('v', VISIT_GAP_MS + 20).map((p) => p.url), ['https://s/c']);
});
