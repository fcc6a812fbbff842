// Attachments end to end over real HTTP and sockets: upload checked by content (not name),
// the size limit enforced while the bytes stream in, files served only to their
// conversation's shopper and to agents with headers that keep them inert, canned replies
// carrying a file, and files surviving a restart.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../server/app.js';
import type { CannedReplyView, ConversationSummary, Message } from '../../server/protocol.js';
import { consoleUpload, EXE_AS_PNG, HTML_AS_PNG, PDF, png, widgetUpload } from '../helpers/files.js';
import { connectShopper, eventually } from '../helpers/queue.js';
import { login, seed, SHOP_ORIGIN, startServer, tempDir, type InProcessServer } from '../helpers/server.js';
import { agentSocket, ask, clientId, connected, must, type AgentClient } from '../helpers/sockets.js';

const widgetFile = (s: InProcessServer, id: string, token: string): Promise<Response> =>
  fetch(`${s.url}/api/widget/attachments/${id}?site=${s.site.key}`, { headers: { origin: SHOP_ORIGIN, authorization: `Bearer ${token}` } });
const consoleFile = (s: InProcessServer, id: string, cookie: string): Promise<Response> =>
  fetch(`${s.url}/api/console/attachments/${id}`, { headers: { cookie } });
const codeOf = (res: { ok: boolean; error?: { code: string } }): string => (res.ok ? 'ok' : (res.error?.code ?? '?'));

describe('attachments', () => {
  let server: InProcessServer;
  let cookie: string;
  let agent: AgentClient;
  before(async () => {
    server = await startServer();
    cookie = await login(server.url);
    agent = agentSocket(server.url, cookie);
    await connected(agent);
  });
  after(async () => {
    agent.close();
    await server.close();
  });

  test('a shopper sends a photo: stored by content, shown to the agent, fetched by both with inert headers', async () => {
    const shopper = await connectShopper(server.url, server.site.key);
    const photo = png(40, 30);
    const up = await widgetUpload(server.url, server.site.key, shopper.token, 'parcel.png', photo);
    assert.equal(up.status, 201, JSON.stringify(up.body));
    const file = up.body.attachment!;
    assert.deepEqual({ name: file.name, type: file.type, size: file.size }, { name: 'parcel.png', type: 'image/png', size: photo.length });

    const { message } = await must<{ message: Message }>(shopper.socket, 'message:send', { clientId: clientId('photo'), body: 'The box arrived crushed', attachments: [file.id] });
    assert.deepEqual(message.attachments, [file]);
    // The agent sees it in the conversation.
    const summary = (await must<{ conversations: ConversationSummary[] }>(agent, 'conversations:list', { status: 'all' })).conversations
      .find((c) => c.id === message.conversationId)!;
    const opened = await must<{ messages: Message[] }>(agent, 'conversation:open', { conversationId: summary.id });
    assert.deepEqual(opened.messages.find((m) => m.id === message.id)?.attachments, [file]);

    for (const res of [await consoleFile(server, file.id, cookie), await widgetFile(server, file.id, shopper.token)]) {
      assert.equal(res.status, 200);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), photo);
      assert.equal(res.headers.get('content-type'), 'image/png');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'; sandbox/);
      assert.match(res.headers.get('content-disposition') ?? '', /^inline; filename="parcel.png"/);
    }
    assert.equal((await widgetFile(server, file.id, shopper.token)).headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    shopper.socket.close();
  });

  test('a PDF is accepted and served as a download', async () => {
    const shopper = await connectShopper(server.url, server.site.key);
    const up = await widgetUpload(server.url, server.site.key, shopper.token, 'invoice', PDF);
    assert.equal(up.status, 201);
    assert.equal(up.body.attachment?.type, 'application/pdf');
    // The extension follows the content, so the saved file opens as what it is.
    assert.equal(up.body.attachment?.name, 'invoice.pdf');
    const res = await widgetFile(server, up.body.attachment!.id, shopper.token);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="invoice.pdf"/);
    shopper.socket.close();
  });

  test('a .png that is really HTML or a program is refused, and nothing is left on disk', async () => {
    const shopper = await connectShopper(server.url, server.site.key);
    const before = readdirSync(server.deskbell.attachments.files.dir).length;
    for (const bytes of [HTML_AS_PNG, EXE_AS_PNG, Buffer.alloc(0)]) {
      const up = await widgetUpload(server.url, server.site.key, shopper.token, 'photo.png', bytes);
      assert.equal(up.status, 415);
      assert.equal(up.body.error?.code, 'DESKBELL_ATTACHMENT_TYPE');
      assert.match(up.body.error?.message ?? '', /Only images .* and PDF files can be sent/);
    }
    // A JSON body on the upload route is not a file either.
    const json = await fetch(`${server.url}/api/widget/attachments?site=${server.site.key}&name=a.png`, {
      method: 'POST', headers: { origin: SHOP_ORIGIN, authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json' }, body: '{"a":1}',
    });
    assert.equal(json.status, 415);
    assert.equal(readdirSync(server.deskbell.attachments.files.dir).length, before);
    shopper.socket.close();
  });

  test('past the site limit: refused from Content-Length, and while streaming without one', async () => {
    await server.deskbell.store.setAttachmentLimit(server.site.id, 1024 * 1024);
    try {
      const shopper = await connectShopper(server.url, server.site.key);
      // Just under the limit, and far over the 64 KB that JSON bodies may have: accepted.
      const under = await widgetUpload(server.url, server.site.key, shopper.token, 'under.png', Buffer.concat([png(2, 2), Buffer.alloc(1000 * 1000)]));
      assert.equal(under.status, 201, JSON.stringify(under.body));
      const declared = await widgetUpload(server.url, server.site.key, shopper.token, 'big.png', Buffer.concat([png(2, 2), Buffer.alloc(1024 * 1024)]));
      assert.equal(declared.status, 413);
      assert.equal(declared.body.error?.code, 'DESKBELL_ATTACHMENT_TOO_LARGE');
      assert.match(declared.body.error?.message ?? '', /larger than 1 MB/);
      assert.equal(declared.body.error?.maxMb, 1, 'the limit as a number, for clients in other languages');

      // Chunked (no length): the server answers once 1 MB has passed, long before the 16 MB are sent.
      const total = 16 * 1024 * 1024;
      const piece = Buffer.concat([png(2, 2), Buffer.alloc(64 * 1024)]);
      const result = await new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
        let sent = 0;
        let answered = false;
        const req = request(`${server.url}/api/widget/attachments?site=${server.site.key}&name=big.png`, {
          method: 'POST', headers: { origin: SHOP_ORIGIN, authorization: `Bearer ${shopper.token}`, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
        }, (res) => {
          answered = true;
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          // The server closes after its answer: the rest of our upload may fail to write (ECONNRESET), which is the point.
          res.on('error', () => undefined);
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, sent, body });
            req.destroy();
          });
        });
        req.on('error', (err) => (answered ? undefined : reject(err)));
        const pump = (): void => {
          if (answered || sent >= total) return void req.end();
          sent += piece.length;
          req.write(piece, () => setImmediate(pump));
        };
        pump();
      });
      assert.equal(result.status, 413, result.body);
      assert.ok(result.sent < total, `the server stopped reading: ${result.sent} of ${total} bytes were sent`);
      assert.equal((JSON.parse(result.body) as { error: { maxMb?: number } }).error.maxMb, 1, 'refused mid-stream: the limit too');
      assert.equal(readdirSync(server.deskbell.attachments.files.dir).filter((n) => n.startsWith('.tmp')).length, 0);
      shopper.socket.close();
    } finally {
      await server.deskbell.store.setAttachmentLimit(server.site.id, null);
    }
  });

  test("another shopper can neither fetch nor send someone's file; an agent can fetch it", async () => {
    const owner = await connectShopper(server.url, server.site.key);
    const other = await connectShopper(server.url, server.site.key);
    const up = await widgetUpload(server.url, server.site.key, owner.token, 'mine.png', png(3, 3));
    const id = up.body.attachment!.id;
    const stolen = await widgetFile(server, id, other.token);
    assert.equal(stolen.status, 404);
    assert.equal(((await stolen.json()) as { error: { code: string } }).error.code, 'DESKBELL_ATTACHMENT_NOT_FOUND');
    assert.equal((await widgetFile(server, id, 'v1.forged.token')).status, 401);
    assert.equal((await fetch(`${server.url}/api/widget/attachments/${id}?site=${server.site.key}`, { headers: { origin: SHOP_ORIGIN } })).status, 401);
    assert.equal((await fetch(`${server.url}/api/console/attachments/${id}`)).status, 401);
    assert.equal(codeOf(await ask(other.socket, 'message:send', { clientId: clientId('steal'), body: 'look', attachments: [id] })), 'DESKBELL_ATTACHMENT_NOT_FOUND');
    assert.equal((await consoleFile(server, id, cookie)).status, 200);
    owner.socket.close();
    other.socket.close();
  });

  test('a canned reply carries a file; the shopper it is sent to can fetch it; a shopper file cannot be canned', async () => {
    const up = await consoleUpload(server.url, cookie, 'size-chart.pdf', PDF);
    assert.equal(up.status, 201, JSON.stringify(up.body));
    const { reply } = await must<{ reply: CannedReplyView }>(agent, 'canned:save', { shortcut: 'sizes', lang: '', body: 'Our size chart:', attachmentId: up.body.attachment!.id });
    assert.equal(reply.attachment?.id, up.body.attachment!.id);
    const { replies } = await must<{ replies: CannedReplyView[] }>(agent, 'canned:list', {});
    assert.equal(replies.find((r) => r.shortcut === 'sizes')?.attachment?.name, 'size-chart.pdf');

    const shopper = await connectShopper(server.url, server.site.key);
    const first = await shopper.send('Which size am I?');
    // Not yet sent to this shopper: not theirs to fetch.
    assert.equal((await widgetFile(server, up.body.attachment!.id, shopper.token)).status, 404);
    const { message } = await must<{ message: Message }>(agent, 'message:send', {
      conversationId: first.conversationId, clientId: clientId('canned'), body: reply.body, attachments: [reply.attachment!.id],
    });
    assert.equal(message.attachments?.[0]?.id, up.body.attachment!.id);
    await eventually(() => assert.ok(shopper.messages.some((m) => m.id === message.id && m.attachments?.length === 1)));
    assert.equal((await widgetFile(server, up.body.attachment!.id, shopper.token)).status, 200);

    const theirs = await widgetUpload(server.url, server.site.key, shopper.token, 'x.png', png(2, 2));
    assert.equal(codeOf(await ask(agent, 'canned:save', { shortcut: 'x', lang: '', body: 'x', attachmentId: theirs.body.attachment!.id })), 'DESKBELL_ATTACHMENT_NOT_FOUND');
    assert.equal(codeOf(await ask(agent, 'message:send', { conversationId: first.conversationId, clientId: clientId('theirs'), body: 'x', attachments: [theirs.body.attachment!.id] })), 'DESKBELL_ATTACHMENT_NOT_FOUND');
    shopper.socket.close();
  });
});

test('attachments survive a restart of the server', async () => {
  const tmp = tempDir();
  try {
    const first = await buildApp({ dbPath: tmp.dbPath, demoDir: null });
    const { site } = await seed(first.store);
    await first.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(first.app.server.address() as { port: number }).port}`;
    const photo = png(10, 10, [0, 128, 0]);
    const shopper = await connectShopper(url, site.key);
    const up = await widgetUpload(url, site.key, shopper.token, 'green.png', photo);
    await must(shopper.socket, 'message:send', { clientId: clientId('green'), body: 'green.png', attachments: [up.body.attachment!.id] });
    shopper.socket.close();
    await first.app.close();

    const second = await buildApp({ dbPath: tmp.dbPath, demoDir: null });
    await second.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url2 = `http://127.0.0.1:${(second.app.server.address() as { port: number }).port}`;
      const res = await fetch(`${url2}/api/console/attachments/${up.body.attachment!.id}`, { headers: { cookie: await login(url2) } });
      assert.equal(res.status, 200);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), photo);
      const again = await fetch(`${url2}/api/widget/attachments/${up.body.attachment!.id}?site=${site.key}`, { headers: { origin: SHOP_ORIGIN, authorization: `Bearer ${shopper.token}` } });
      assert.equal(again.status, 200);
    } finally {
      await second.app.close();
    }
  } finally {
    tmp.cleanup();
  }
});
