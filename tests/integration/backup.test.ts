// `deskbell backup` and `deskbell restore` as a shop owner runs them, against a real server
// process: a backup taken while a shopper keeps writing holds every message acknowledged
// before it began, and the photo they sent; restore refuses while the server runs, keeps the
// database it replaces (with the writes a crashed server left in its log), and the restarted
// server serves the restored chat and photo. A damaged backup is refused before anything is
// touched.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Message } from '../../server/protocol.js';
import { runDeskbell, type Run } from '../helpers/cli.js';
import { png, widgetUpload } from '../helpers/files.js';
import { connectShopper, type Shopper } from '../helpers/queue.js';
import { login, seedFile, spawnServer, tempDir, type ChildServer } from '../helpers/server.js';
import { clientId, must } from '../helpers/sockets.js';

/** Message ids in a database file, read without opening it as a Deskbell store (which would migrate it). */
function messageIds(path: string): Set<string> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return new Set((db.prepare('SELECT id FROM messages').all() as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
}

describe('deskbell backup and restore', () => {
  const tmp = tempDir();
  const backup = join(tmp.dir, 'backups', 'monday.sqlite');
  const deskbell = (args: string[]): Promise<Run> => runDeskbell([...args, '--db', tmp.dbPath], { cwd: tmp.dir });
  let server: ChildServer | null = null;
  let siteKey = '';
  let shopper: Shopper;
  const photo = png(24, 16, [200, 40, 40]);
  let photoId = '';
  const beforeBackup: Message[] = [];
  const afterBackup: Message[] = [];

  before(async () => {
    siteKey = (await seedFile(tmp.dbPath)).site.key;
    server = await spawnServer(tmp.dbPath);
  });
  after(async () => {
    shopper?.socket.close();
    await server?.stop();
    tmp.cleanup();
  });

  test('a backup taken while a shopper keeps writing holds everything acknowledged before it began', async () => {
    shopper = await connectShopper(server!.url, siteKey);
    const up = await widgetUpload(server!.url, siteKey, shopper.token, 'lantern.png', photo);
    assert.equal(up.status, 201);
    photoId = up.body.attachment!.id;
    beforeBackup.push((await must<{ message: Message }>(shopper.socket, 'message:send', { clientId: clientId('photo'), body: 'Is this lantern red?', attachments: [photoId] })).message);
    for (let i = 0; i < 20; i++) beforeBackup.push(await shopper.send(`before the backup ${i}`));

    // The shopper goes on writing while the backup runs (ten a second: under the flood limit).
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        afterBackup.push(await shopper.send(`during the backup ${i}`));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const run = await deskbell(['backup', '--out', backup]);
    writing = false;
    await writer;
    afterBackup.push(await shopper.send('after the backup'));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Backed up .* to .*monday\.sqlite in [\d.]+ s: [\d.]+ MB, schema \d+: 1 sites, 1 conversations, \d+ messages, 1 attachment files \([\d.]+ MB\)\. Checked: ok\.\n$/);

    assert.equal(statSync(backup).mode & 0o777, 0o600, "shoppers' data is readable by the shop's user only");
    const saved = messageIds(backup);
    for (const m of beforeBackup) assert.ok(saved.has(m.id), `message "${m.body}" is in the backup`);
    const sha = readdirSync(`${backup}.files`);
    assert.equal(sha.length, 1);
    assert.deepEqual(readFileSync(join(`${backup}.files`, sha[0]!)), photo);
    assert.deepEqual(readdirSync(join(tmp.dir, 'backups')).sort(), ['monday.sqlite', 'monday.sqlite.files'], 'no temporary file left behind');
    assert.ok(afterBackup.length > 0, 'the shopper was writing during the backup');
  });

  test('an existing backup is not overwritten without --force', async () => {
    const size = statSync(backup).size;
    const refused = await deskbell(['backup', '--out', backup]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already exists\. Choose another name, or add --force/);
    assert.equal(statSync(backup).size, size);
    const missing = await runDeskbell(['backup', '--out', join(tmp.dir, 'x.sqlite'), '--db', join(tmp.dir, 'nope.sqlite')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /there is no database at .*nope\.sqlite/);
  });

  test('restore refuses while the server runs, and changes nothing', async () => {
    const count = messageIds(tmp.dbPath).size;
    const refused = await deskbell(['restore', backup]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /is in use \(a Deskbell server is running on it\)/);
    assert.equal(messageIds(tmp.dbPath).size, count);
    assert.ok(count > beforeBackup.length, 'the live database has the later messages too');
  });

  test('a damaged backup is refused before the database is touched', async () => {
    // The server dies (SIGKILL): its last writes are only in the write-ahead log beside the file.
    await server!.kill();
    server = null;
    assert.ok(existsSync(`${tmp.dbPath}-wal`));
    const broken = join(tmp.dir, 'broken.sqlite');
    copyFileSync(backup, broken);
    truncateSync(broken, Math.floor(statSync(broken).size / 2));
    const run = await deskbell(['restore', broken]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /broken\.sqlite (is damaged|is not a readable database|cannot be opened)/);
    assert.ok(messageIds(tmp.dbPath).size > beforeBackup.length, 'the database is as it was');
  });

  test('restore puts the backup back, keeps the replaced database, and the server serves it', async () => {
    const run = await deskbell(['restore', backup]);
    assert.equal(run.code, 0, run.stderr);
    const kept = /The database it replaced is kept as (.+)\.\n/.exec(run.stdout)?.[1];
    assert.ok(kept && existsSync(kept), run.stdout);
    const later = afterBackup.at(-1)!;
    assert.ok(!existsSync(`${tmp.dbPath}-wal`) || statSync(`${tmp.dbPath}-wal`).size === 0, 'no old write-ahead log beside the restored file');
    assert.ok(messageIds(kept).has(later.id), 'the replaced database still has what came after the backup, its log folded in');

    server = await spawnServer(tmp.dbPath);
    const restored = await connectShopper(server.url, siteKey, shopper.token);
    try {
      const ids = restored.messages.map((m) => m.id);
      for (const m of beforeBackup) assert.ok(ids.includes(m.id), `"${m.body}" is back`);
      assert.ok(!ids.includes(later.id), 'the message sent after the backup is not (it was not in it)');
    } finally {
      restored.socket.close();
    }
    const res = await fetch(`${server.url}/api/console/attachments/${photoId}`, { headers: { cookie: await login(server.url) } });
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), photo);
  });
});
