// The pure parts of scheduled backups: `--backup-every` durations, the backup names, and what
// retention deletes from a folder — only our own names, only beyond the newest N, databases
// before their photo folders, never a run still being written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, parseDuration } from '../../server/backup/duration.js';
import { backupName, backupOf, backupTime, retention } from '../../server/backup/names.js';

test('durations: a whole number and s, m, h or d; anything else is refused', () => {
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration('6h'), 21_600_000);
  assert.equal(parseDuration('1d'), 86_400_000);
  assert.equal(parseDuration(' 2s '), 2000);
  // The start-up banner says it back in the largest whole unit.
  for (const [ms, text] of [[86_400_000, '1d'], [21_600_000, '6h'], [90_000, '90s'], [5000, '5s'], [172_800_000, '2d']] as const) {
    assert.equal(formatDuration(ms), text);
    assert.equal(parseDuration(text), ms);
  }
  for (const bad of ['', '0s', '5', 'h', '1.5h', '-1h', '1w', '1 h', '1H', '24hours', '366d', 'every day']) assert.equal(parseDuration(bad), null, bad);
});

test('backup names carry their UTC second, sort by time, and only exact names are ours', () => {
  const at = Date.UTC(2026, 11, 7, 16, 45, 9, 500);
  assert.equal(backupName(at), 'deskbell-20261207T164509Z.sqlite');
  assert.equal(backupTime('deskbell-20261207T164509Z.sqlite'), Date.UTC(2026, 11, 7, 16, 45, 9));
  assert.ok(backupName(at) < backupName(at + 1000) && backupName(Date.UTC(2026, 8, 30)) < backupName(Date.UTC(2026, 9, 1)));
  for (const other of ['deskbell-20261307T164509Z.sqlite', 'deskbell-20261207T164509Z.sqlite.bak', 'mine-20261207T164509Z.sqlite', 'deskbell-2026-12-07.sqlite', 'deskbell.sqlite']) {
    assert.equal(backupTime(other), null, other);
    assert.equal(backupOf(other), null, other);
  }
  assert.equal(backupOf('deskbell-20261207T164509Z.sqlite.partial-0a1b2c3d.files'), 'deskbell-20261207T164509Z.sqlite');
});

test('retention: the newest N stay; older ones go, database first; leftovers go; nothing else is touched', () => {
  const day = (d: number): string => `deskbell-202612${String(d).padStart(2, '0')}T030000Z.sqlite`;
  const names = [
    day(1), `${day(1)}.files`, day(2), `${day(2)}.files`, day(3), `${day(3)}.files`, day(4), `${day(4)}.files`,
    `${day(5)}.files`, // its database gone (a crash between the renames): a leftover
    `${day(3)}.partial-0011aabb`, // a temporary copy a killed server left
    'deskbell-2026-11-30.sqlite', 'notes.txt', 'deskbell-20261201T030000Z.sqlite.bak', // the owner's own
  ];
  const now = Date.UTC(2026, 11, 6);
  assert.deepEqual(retention(names, 2, now), [day(1), day(2), `${day(1)}.files`, `${day(2)}.files`, `${day(3)}.partial-0011aabb`, `${day(5)}.files`]);
  assert.deepEqual(retention(names, 10, now), [`${day(3)}.partial-0011aabb`, `${day(5)}.files`]);
  // Parts of a backup begun at or after `before` belong to a run still writing: left alone.
  const writing = [day(1), day(2), `${day(7)}.partial-0011aabb`, `${day(7)}.partial-0011aabb.files`];
  assert.deepEqual(retention(writing, 1, Date.UTC(2026, 11, 7, 3)), [day(1)]);
  assert.deepEqual(retention([], 7, now), []);
});
