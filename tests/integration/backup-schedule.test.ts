// Scheduled backups (`deskbell start --backup-dir DIR --backup-every 2s --backup-keep 2`) as a
// shop owner without cron relies on them, against a real server process: backups appear on
// their own, each passes the check restore makes, only the newest two stay (with their photo
// folders; older ones' go), the photo a shopper sent is one file hard-linked into each; a
// restart continues the schedule from the newest backup instead of making another at once; a
// backup folder that is really a file fails loudly in the owner's status while the shop keeps
// working; and a scheduled backup restores like any other.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AgentService } from '../../server/agents.js';
import { checkCopy } from '../../server/backup/snapshot.js';
import { EventBus } from '../../server/events.js';
import { systemClock } from '../../server/ids.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { BackupStatus, Message } from '../../server/protocol.js';
import { runDeskbell } from '../helpers/cli.js';
import { png, widgetUpload } from '../helpers/files.js';
import { connectShopper, eventually, type Shopper } from '../helpers/queue.js';
import { login, seedFile, spawnServer, tempDir, type ChildServer } from '../helpers/server.js';
import { clientId, must } from '../helpers/sockets.js';

const SCHEDULED = /^deskbell-\d{8}T\d{6}Z\.sqlite$/;

async function backupStatus(server: ChildServer, cookie: string): Promise<BackupStatus> {
  const res = await fetch(`${server.url}/api/backups`, { headers: { cookie } });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as BackupStatus;
}

describe('scheduled backups', () => {
  const tmp = tempDir();
  const dir = join(tmp.dir, 'backups');
  const schedule = (every: string): string[] => ['--backup-dir', dir, '--backup-every', every, '--backup-keep', '2'];
  let server: ChildServer | null = null;
  let siteKey = '';
  let shopper: Shopper;
  const photo = png(20, 12, [30, 160, 90]);
  let photoId = '';
  let sent: Message;

  before(async () => {
    siteKey = (await seedFile(tmp.dbPath)).site.key;
    const store = openSqliteStore({ path: tmp.dbPath });
    await new AgentService(store, systemClock, new EventBus()).create({ email: 'ben@shop.example', name: 'Ben', password: 'a long enough password', role: 'agent' });
    await store.close();
    server = await spawnServer(tmp.dbPath, { args: schedule('2s') });
  });
  after(async () => {
    shopper?.socket.close();
    await server?.stop();
    tmp.cleanup();
  });

  test('backups appear on their own; the newest two stay, each whole, sharing the photo by a hard link', async () => {
    assert.ok(server!.output().includes(`Backups:       every 2s into ${dir}, the newest 2 kept`), 'the start-up banner says where backups go');
    shopper = await connectShopper(server!.url, siteKey);
    const up = await widgetUpload(server!.url, siteKey, shopper.token, 'fern.png', photo);
    assert.equal(up.status, 201);
    photoId = up.body.attachment!.id;
    sent = (await must<{ message: Message }>(shopper.socket, 'message:send', { clientId: clientId('fern'), body: 'Is this fern real?', attachments: [photoId] })).message;

    // Every backup name seen while the schedule runs, until two newer than the photo are kept
    // and older ones have gone.
    const seen = new Set<string>();
    await eventually(() => {
      const names = readdirSync(dir).filter((n) => SCHEDULED.test(n));
      for (const n of names) seen.add(n);
      const withPhoto = names.filter((n) => readdirSync(join(dir, `${n}.files`)).length === 1);
      assert.ok(withPhoto.length >= 2 && seen.size > names.length, `seen ${[...seen].join(', ')}`);
    }, 60_000);
    // Stopped, the folder shows what the schedule leaves: shutdown removes any copy in progress.
    assert.equal(await server!.stop(), 0);
    server = null;

    const left = readdirSync(dir).sort();
    const kept = left.filter((n) => SCHEDULED.test(n));
    assert.equal(kept.length, 2, left.join(', '));
    assert.deepEqual(left, kept.flatMap((n) => [n, `${n}.files`]).sort(), 'nothing else: no temporary copies, no photo folder without its backup');
    for (const gone of [...seen].filter((n) => !kept.includes(n))) assert.ok(!existsSync(join(dir, `${gone}.files`)), `${gone}.files went with it`);

    const [older, newer] = kept as [string, string];
    for (const name of kept) {
      const checked = await checkCopy(join(dir, name));
      assert.ok(checked.summary.messages >= 1, name);
      assert.equal(statSync(join(dir, name)).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir, `${name}.files`)).mode & 0o777, 0o700);
    }
    const sha = readdirSync(join(dir, `${newer}.files`));
    assert.equal(sha.length, 1);
    assert.deepEqual(readFileSync(join(dir, `${newer}.files`, sha[0]!)), photo);
    assert.equal(statSync(join(dir, `${older}.files`, sha[0]!)).ino, statSync(join(dir, `${newer}.files`, sha[0]!)).ino, 'one file on disk, linked into both backups');
  });

  test('a restart continues from the newest backup: no extra one at start while it is fresh', async () => {
    const before = readdirSync(dir).filter((n) => SCHEDULED.test(n)).sort();
    const newest = before.at(-1)!;
    server = await spawnServer(tmp.dbPath, { args: schedule('1h') });
    const status = await backupStatus(server, await login(server.url));
    assert.equal(status.enabled, true);
    assert.equal(status.dir, dir);
    assert.equal(status.everyMs, 3_600_000);
    assert.equal(status.keep, 2);
    assert.equal(status.last?.file, newest);
    assert.equal(status.last?.ok, true);
    assert.equal(status.next, status.last!.at + 3_600_000, 'due an hour after the newest backup, not now');
    assert.deepEqual(status.backups.map((b) => b.file), [...before].reverse());
    assert.deepEqual(readdirSync(dir).filter((n) => SCHEDULED.test(n)).sort(), before);
  });

  test('the status is for managers only', async () => {
    const res = await fetch(`${server!.url}/api/backups`, { headers: { cookie: await login(server!.url, 'ben@shop.example', 'a long enough password') } });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'DESKBELL_FORBIDDEN_ROLE');
    assert.equal((await fetch(`${server!.url}/api/backups`)).status, 401);
  });

  test('a backup folder that is a file: the status says what failed and what to do; the shop keeps working', async () => {
    await server!.stop();
    const notAFolder = join(tmp.dir, 'backups-file');
    writeFileSync(notAFolder, 'the owner keeps notes here\n');
    server = await spawnServer(tmp.dbPath, { args: ['--backup-dir', notAFolder, '--backup-every', '2s'] });
    const cookie = await login(server.url);
    await eventually(async () => assert.equal((await backupStatus(server!, cookie)).last?.ok, false), 30_000);
    // Every run fails the same way, so a second look still shows the failure.
    const status = await backupStatus(server, cookie);
    const failed = status.last!;
    assert.match(failed.error ?? '', /backups-file is not a folder .*Give --backup-dir a folder/);
    assert.ok(status.next !== null && status.next > failed.at, 'a retry is scheduled');
    assert.deepEqual(status.backups, []);
    assert.match(server.output(), /scheduled backup failed: .*is not a folder/);
    assert.equal(readFileSync(notAFolder, 'utf8'), 'the owner keeps notes here\n', 'the file is untouched');
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
    const again = await connectShopper(server.url, siteKey, shopper.token);
    try {
      assert.ok(again.messages.some((m) => m.id === sent.id), 'shoppers are still served');
    } finally {
      again.socket.close();
    }
  });

  test('a scheduled backup restores, with its photo', async () => {
    await server!.stop();
    server = null;
    const newest = readdirSync(dir).filter((n) => SCHEDULED.test(n)).sort().at(-1)!;
    const run = await runDeskbell(['restore', join(dir, newest), '--db', tmp.dbPath]);
    assert.equal(run.code, 0, run.stderr);
    server = await spawnServer(tmp.dbPath);
    const restored = await connectShopper(server.url, siteKey, shopper.token);
    try {
      assert.ok(restored.messages.some((m) => m.id === sent.id), 'the message with the photo is back');
    } finally {
      restored.socket.close();
    }
    const res = await fetch(`${server.url}/api/console/attachments/${photoId}`, { headers: { cookie: await login(server.url) } });
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), photo);
  });
});
