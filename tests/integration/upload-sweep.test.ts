// Uploads never sent are removed after the grace period, row and file; nothing a message or
// a canned reply uses is touched, nor a file whose bytes another, used upload shares; a file
// no row names (a crash between the two steps) goes too. The clock is moved forward past the
// grace period rather than waited for.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CannedReplyView, Message } from '../../server/protocol.js';
import { consoleUpload, PDF, png, widgetUpload } from '../helpers/files.js';
import { connectShopper, type Shopper } from '../helpers/queue.js';
import { login, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, ask, clientId, connected, must, type AgentClient } from '../helpers/sockets.js';

const HOUR = 60 * 60_000;

describe('the sweep of uploads never sent', () => {
  let server: InProcessServer;
  let cookie: string;
  let agent: AgentClient;
  let shopper: Shopper;
  let offset = 0;
  before(async () => {
    server = await startServer({ app: { clock: { now: () => Date.now() + offset }, uploadSweep: { graceMs: 24 * HOUR } } });
    cookie = await login(server.url);
    agent = agentSocket(server.url, cookie);
    await connected(agent);
    shopper = await connectShopper(server.url, server.site.key);
  });
  after(async () => {
    agent.close();
    shopper.socket.close();
    await server.close();
  });

  const upload = async (name: string, bytes: Buffer, by: 'shopper' | 'agent'): Promise<string> => {
    const up = by === 'shopper' ? await widgetUpload(server.url, server.site.key, shopper.token, name, bytes) : await consoleUpload(server.url, cookie, name, bytes);
    assert.equal(up.status, 201, JSON.stringify(up.body));
    return up.body.attachment!.id;
  };
  const fileOf = async (id: string): Promise<string> => join(server.deskbell.attachments.files.dir, (await server.deskbell.store.getAttachment(id))!.sha256);

  test('after the grace period: unsent uploads go, row and file; sent, canned and shared ones stay', async () => {
    const photo = png(12, 9);
    const sent = await upload('sent.png', photo, 'shopper');
    const twin = await upload('again.png', photo, 'shopper'); // the same bytes, never sent
    const abandoned = await upload('abandoned.png', png(7, 7, [0, 128, 0]), 'shopper');
    const canned = await upload('sizes.pdf', PDF, 'agent');
    const agentsUnsent = await upload('draft.png', png(5, 5, [0, 0, 255]), 'agent');
    await must<{ message: Message }>(shopper.socket, 'message:send', { clientId: clientId('photo'), body: 'Broken lid', attachments: [sent] });
    await must<{ reply: CannedReplyView }>(agent, 'canned:save', { shortcut: 'sizes', lang: '', body: 'Our size chart', attachmentId: canned });
    const files = { sent: await fileOf(sent), abandoned: await fileOf(abandoned), canned: await fileOf(canned), agentsUnsent: await fileOf(agentsUnsent) };
    assert.equal(await fileOf(twin), files.sent, 'one file for the same bytes');

    // Within the grace period the shopper may still send them: nothing goes.
    assert.deepEqual(await server.deskbell.uploadSweeper.sweep(), { uploads: 0, files: 0 });

    offset = 25 * HOUR;
    try {
      assert.deepEqual(await server.deskbell.uploadSweeper.sweep(), { uploads: 3, files: 2 });
    } finally {
      offset = 0;
    }
    const { store } = server.deskbell;
    assert.deepEqual(
      await Promise.all([sent, twin, abandoned, canned, agentsUnsent].map(async (id) => (await store.getAttachment(id)) !== null)),
      [true, false, false, true, false],
    );
    assert.deepEqual(Object.values(files).map((f) => existsSync(f)), [true, false, true, false]);
    // The sent photo is still served whole.
    const res = await fetch(`${server.url}/api/console/attachments/${sent}`, { headers: { cookie } });
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), photo);
    // Sending a swept upload later fails clearly (the shopper uploads it again).
    const late = await ask(shopper.socket, 'message:send', { clientId: clientId('late'), body: 'late', attachments: [abandoned] });
    assert.equal(late.ok ? 'sent' : late.error.code, 'DESKBELL_ATTACHMENT_NOT_FOUND');
  });

  test('a file no row names (left by a crash between row and file) goes once it is old', async () => {
    const orphan = join(server.deskbell.attachments.files.dir, 'ab'.repeat(32));
    writeFileSync(orphan, png(3, 3));
    assert.deepEqual(await server.deskbell.uploadSweeper.sweep(), { uploads: 0, files: 0 }, 'too new to judge');
    assert.ok(existsSync(orphan));
    offset = 25 * HOUR;
    try {
      assert.deepEqual(await server.deskbell.uploadSweeper.sweep(), { uploads: 0, files: 1 });
    } finally {
      offset = 0;
    }
    assert.ok(!existsSync(orphan));
  });
});
