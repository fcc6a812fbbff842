// `node --import tsx bench/upload-sweep.ts [USED] [UNUSED]`: what the hourly sweep of uploads
// never sent costs on a big install. A temp database with USED uploads shown by messages and
// UNUSED ones two days old, each with its file; one sweep timed, and the longest stretch the
// event loop was held (sockets wait that long), then a sweep with nothing left to do.
// Prints Markdown for docs/benchmarks.md.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { AttachmentFiles } from '../server/attachments/files.js';
import { UploadSweeper } from '../server/attachments/sweeper.js';
import { openSqliteStore } from '../server/store/sqlite.js';

const USED = Number(process.argv[2] ?? 100_000);
const UNUSED = Number(process.argv[3] ?? 1_000);
const dir = mkdtempSync(join(tmpdir(), 'deskbell-sweep-'));
const dbPath = join(dir, 'deskbell.sqlite');

await openSqliteStore({ path: dbPath }).close();
const files = await AttachmentFiles.open(dbPath);
const db = new Database(dbPath);
// Rows only: the messages the links name are not needed for the sweep's queries.
db.pragma('foreign_keys = OFF');
const old = Date.now() - 48 * 3_600_000;
const insert = db.prepare("INSERT INTO attachments (id, site_id, uploader, sha256, type, size, name, created_at) VALUES (?, NULL, 'v:x', ?, 'image/png', 1, 'x.png', ?)");
const link = db.prepare("INSERT INTO message_attachments (attachment_id, message_id, conversation_id) VALUES (?, ?, 'c')");
db.transaction(() => {
  for (let i = 0; i < USED + UNUSED; i++) {
    const sha = createHash('sha256').update(String(i)).digest('hex');
    insert.run(`a${i}`, sha, old);
    if (i < USED) link.run(`a${i}`, `m${i}`);
    writeFileSync(join(files.dir, sha), 'x');
  }
})();
db.close();

const store = openSqliteStore({ path: dbPath });
const sweeper = new UploadSweeper({ store, files, clock: { now: () => Date.now() }, log: pino({ level: 'silent' }) });
async function timed(): Promise<{ ms: number; held: number; result: { uploads: number; files: number } }> {
  let held = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    held = Math.max(held, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  const result = await sweeper.sweep();
  const ms = performance.now() - t0;
  clearInterval(probe);
  return { ms, held: Math.max(held, performance.now() - last), result };
}
const first = await timed();
const second = await timed();
await store.close();
rmSync(dir, { recursive: true, force: true });

console.log(`Machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
console.log('| sweep of uploads never sent | total | longest hold of the event loop |\n|---|---|---|');
console.log(`| ${USED.toLocaleString('en')} used + ${UNUSED.toLocaleString('en')} unsent (removed: ${first.result.uploads} rows, ${first.result.files} files) | ${first.ms.toFixed(0)} ms | ${first.held.toFixed(0)} ms |`);
console.log(`| the same, nothing left to remove | ${second.ms.toFixed(0)} ms | ${second.held.toFixed(0)} ms |`);
