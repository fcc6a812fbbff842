// An agent disabled, or given a new password, from the command line (another process) loses
// every open console socket within about a second, and the old password stops working.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { AGENT, login, ROOT, seedFile, spawnServer, tempDir, type ChildServer } from '../helpers/server.js';
import { agentSocket, connected } from '../helpers/sockets.js';

const run = promisify(execFile);

function deskbell(dbPath: string, args: string[], stdin?: string): Promise<string> {
  const child = run(process.execPath, [`${ROOT}bin/deskbell.js`, ...args, '--db', dbPath], { cwd: ROOT });
  child.child.stdin?.end(stdin ?? '');
  return child.then((r) => r.stdout);
}

describe('ending an agent\'s sessions from the command line', () => {
  const tmp = tempDir();
  let server: ChildServer;
  before(async () => {
    await seedFile(tmp.dbPath);
    server = await spawnServer(tmp.dbPath);
  });
  after(async () => {
    await server.kill();
    tmp.cleanup();
  });

  /** The socket is dropped after `action` (waits up to 5 s: a deadline for the test, not a speed claim). */
  async function disconnectedWithin(cookie: string, action: () => Promise<unknown>): Promise<void> {
    const socket = agentSocket(server.url, cookie);
    await connected(socket);
    const gone = new Promise<boolean>((resolve) => socket.once('disconnect', () => resolve(true)));
    await action();
    const dropped = await Promise.race([gone, new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
    socket.close();
    assert.ok(dropped, 'the console socket was disconnected');
  }

  test('disable: sockets dropped, login refused; enable lets them back in', async () => {
    const cookie = await login(server.url);
    await disconnectedWithin(cookie, () => deskbell(tmp.dbPath, ['agent', 'disable', '--email', AGENT.email]));
    await assert.rejects(login(server.url), /401/);
    await deskbell(tmp.dbPath, ['agent', 'enable', '--email', AGENT.email]);
    await login(server.url);
  });

  test('a new password: sockets dropped, the old password refused, the new one works', async () => {
    const cookie = await login(server.url);
    await disconnectedWithin(cookie, () => deskbell(tmp.dbPath, ['agent', 'password', '--email', AGENT.email], 'a brand new password\n'));
    await assert.rejects(login(server.url), /401/);
    await login(server.url, AGENT.email, 'a brand new password');
  });
});
