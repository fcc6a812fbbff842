// Rotating a site's identity secret (`deskbell site secret --rotate`) while the server runs:
// the old secret keeps working for the grace period the owner chose, the new one works at
// once, and a secret retired at once (it leaked) verifies nobody — also on the next write of a
// shopper who was verified with it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectShopper } from '../helpers/queue.js';
import { ROOT, startServer, type InProcessServer } from '../helpers/server.js';
import { must } from '../helpers/sockets.js';

function cli(dbPath: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/deskbell.js'), ...args, '--db', dbPath], { stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => resolve({ code, out: out.trim(), err: err.trim() }));
  });
}

const hash = (id: string, secret: string): string => createHmac('sha256', secret).update(id).digest('hex');

describe('identity secret rotation', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  async function identify(id: string, secret: string): Promise<boolean> {
    const shopper = await connectShopper(server.url, server.site.key);
    const res = await must<{ verified: boolean }>(shopper.socket, 'identify', { id, hash: hash(id, secret) });
    shopper.socket.close();
    return res.verified;
  }

  test('the old secret works through the grace period, the new one at once; a retired one verifies nobody', async () => {
    const first = (await cli(server.dbPath, 'site', 'secret', '--site', server.site.key)).out;
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.equal(await identify('cust-1', first), true);

    // A shopper verified with the first secret, still connected through the rotations.
    const loyal = await connectShopper(server.url, server.site.key);
    assert.equal((await must<{ verified: boolean }>(loyal.socket, 'identify', { id: 'cust-9', hash: hash('cust-9', first) })).verified, true);
    await loyal.send('hello');
    const [loyalId] = await server.deskbell.store.visitorsWithIdentity(server.site.id, 'cust-9');
    assert.ok(loyalId, 'the verified shopper is found by their id');

    const rotated = await cli(server.dbPath, 'site', 'secret', '--site', server.site.key, '--rotate', '--keep-old', '1');
    assert.equal(rotated.code, 0, rotated.err);
    const second = rotated.out;
    assert.match(second, /^[0-9a-f]{64}$/);
    assert.notEqual(second, first);
    assert.match(rotated.err, /still accepted for 1 h/);
    assert.equal(await identify('cust-2', first), true, 'the old secret, within the grace period');
    assert.equal(await identify('cust-3', second), true, 'the new secret');
    assert.equal(await identify('cust-4', 'not-the-secret'), false);
    await loyal.send('still me');
    assert.equal((await server.deskbell.store.getVisitor(loyalId))?.identity.verified, true, 'still verified during the grace period');

    // Leaked: rotate again, keeping nothing. Neither older secret verifies any more.
    const third = (await cli(server.dbPath, 'site', 'secret', '--site', server.site.key, '--rotate', '--keep-old', '0')).out;
    assert.equal(await identify('cust-5', second), false);
    assert.equal(await identify('cust-6', first), false);
    assert.equal(await identify('cust-7', third), true);

    // Checked again on every write: the connected shopper's identity no longer holds.
    await loyal.send('and now?');
    assert.equal((await server.deskbell.store.getVisitor(loyalId))?.identity.verified, false);
    loyal.socket.close();
  });

  test('bad --keep-old values are refused with the reason', async () => {
    const res = await cli(server.dbPath, 'site', 'secret', '--site', server.site.key, '--rotate', '--keep-old', 'soon');
    assert.notEqual(res.code, 0);
    assert.match(res.err, /--keep-old must be a number of hours/);
  });
});
