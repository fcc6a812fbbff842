// Every socket event and every HTTP route, fed generated hostile input: wrong types, huge and
// odd strings, deep objects, prototype-pollution keys, injection strings, invalid UTF-8.
// Each must get a clear refusal from the catalogue (or be accepted when the input happens to
// be valid) — never a crash, a 500, a hang or a polluted prototype — and the server must go
// on serving everyone else. The lists of events and routes come from the code itself
// (protocol.ts and Fastify's route table), so a new event or route is fuzzed without edits.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Deskbell, RouteEntry } from '../../server/app.js';
import { AGENT_EVENTS, AGENT_SCHEMAS, VISITOR_EVENTS, VISITOR_SCHEMAS, type Ack, type ErrorInfo, type VisitorSyncResult } from '../../server/protocol.js';
import { MAX_SOCKET_PAYLOAD_BYTES } from '../../server/realtime/index.js';
import { hostilePayloads, HOSTILE_STRINGS, schemaProperties, seeded } from '../helpers/hostile.js';
import { login, ROOT, startServer, type InProcessServer } from '../helpers/server.js';
import { agentSocket, ask, clientId, connected, emitRaw, must, next, visitorSocket } from '../helpers/sockets.js';

const CODE = /^DESKBELL_[A-Z_]+$/;
/** Under the per-socket burst (60), so the rate limit does not hide what the handlers do. */
const PER_SOCKET = 50;

function assertRefusalOrOk(res: Ack<object>, what: string): void {
  if (res.ok) return;
  const error = (res as { error: ErrorInfo }).error;
  assert.match(error.code, CODE, `${what}: a catalogue code`);
  assert.notEqual(error.code, 'DESKBELL_INTERNAL', `${what}: ${error.message}`);
  assert.ok(error.message.length > 0, `${what}: a message`);
}

function assertUnpolluted(): void {
  assert.equal(({} as { polluted?: unknown }).polluted, undefined, 'Object.prototype polluted');
  assert.equal(typeof ({} as object).toString, 'function', 'Object.prototype.toString replaced');
}

function fits(payload: unknown): boolean {
  return payload === undefined || JSON.stringify(payload).length < MAX_SOCKET_PAYLOAD_BYTES - 1024;
}

describe('fuzz: hostile input at every edge', () => {
  let server: InProcessServer;
  let deskbell: Deskbell;
  let url: string;
  let siteKey: string;
  let cookie: string;

  before(async () => {
    server = await startServer();
    ({ deskbell, url } = server);
    siteKey = server.site.key;
    cookie = await login(url);
  });
  after(() => server.close());

  async function stillServing(): Promise<void> {
    assert.equal((await fetch(`${url}/health`)).status, 200);
    const shopper = visitorSocket(url, siteKey);
    await connected(shopper);
    await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0 });
    const sent = await must<{ message: { body: string } }>(shopper, 'message:send', { clientId: clientId('alive'), body: 'still there?' });
    assert.equal(sent.message.body, 'still there?');
    shopper.close();
  }

  test('every visitor event: refused clearly or accepted, never a crash', async () => {
    const random = seeded(0xdeb);
    for (const event of VISITOR_EVENTS) {
      const shopper = visitorSocket(url, siteKey);
      await connected(shopper);
      // A session first, so handlers past the "no session" check are reached too.
      await must<VisitorSyncResult>(shopper, 'session:sync', { afterSeq: 0 });
      const payloads = hostilePayloads(schemaProperties(VISITOR_SCHEMAS[event]), PER_SOCKET - 1, random).filter(fits);
      for (const [i, payload] of payloads.entries()) {
        assertRefusalOrOk(await ask(shopper, event, payload), `visitor ${event} #${i}`);
      }
      assert.ok(shopper.connected, `visitor ${event}: still connected after ${payloads.length} bad payloads`);
      shopper.close();
    }
    assertUnpolluted();
    await stillServing();
  });

  test('every agent event: refused clearly or accepted, never a crash', async () => {
    const random = seeded(0xa6e);
    for (const event of AGENT_EVENTS) {
      const agent = agentSocket(url, cookie);
      await connected(agent);
      const payloads = hostilePayloads(schemaProperties(AGENT_SCHEMAS[event]), PER_SOCKET, random).filter(fits);
      for (const [i, payload] of payloads.entries()) {
        assertRefusalOrOk(await ask(agent, event, payload), `agent ${event} #${i}`);
      }
      assert.ok(agent.connected, `agent ${event}: still connected`);
      agent.close();
    }
    assertUnpolluted();
    await stillServing();
  });

  test('an oversize socket packet drops that socket only', async () => {
    const shopper = visitorSocket(url, siteKey);
    await connected(shopper);
    const dropped = next<string>(shopper, 'disconnect');
    emitRaw(shopper, 'message:send', { clientId: clientId('big'), body: 'z'.repeat(MAX_SOCKET_PAYLOAD_BYTES * 2) });
    assert.match(await dropped, /transport (close|error)/);
    await stillServing();
  });

  test('every HTTP route, with and without a session: 4xx with a catalogue code, never a 5xx', async () => {
    const random = seeded(0x477);
    const routes = deskbell.routes.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.url.includes('*'));
    assert.ok(routes.length >= 10, `routes found: ${routes.length}`);
    const codes = new Set<string>();
    let requests = 0;
    for (const route of routes) {
      for (const withSession of [false, true]) {
        // Logging out our own session would end the suite's; it is fuzzed without one.
        if (withSession && route.url === '/api/auth/logout') continue;
        for (const attempt of requestsFor(route, random)) {
          const headers: Record<string, string> = { origin: url, ...attempt.headers };
          if (withSession) headers.cookie = cookie;
          const res = await fetch(`${url}${attempt.path}`, { method: route.method, headers, body: attempt.body, redirect: 'manual' });
          requests += 1;
          const what = `${route.method} ${attempt.path.slice(0, 120)} (${withSession ? 'agent' : 'anonymous'}) ${attempt.label}`;
          const text = await res.text();
          assert.ok(res.status < 500, `${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
          // Bodies over 64 KB are refused before parsing (only the FAQ import takes more, 8 MB);
          // a stranger on an agent route is turned away even earlier, unread.
          if (attempt.label === 'oversize body' && !route.url.endsWith('/import')) assert.ok(res.status === 413 || (!withSession && res.status === 401), `${what}: ${res.status}`);
          if (res.status >= 400) {
            const code = (JSON.parse(text) as { error?: ErrorInfo }).error?.code ?? '';
            assert.match(code, CODE, `${what}: ${text.slice(0, 200)}`);
            codes.add(code);
          }
        }
      }
    }
    assertUnpolluted();
    // The suite reached the validation, the session check and the site lookup, at least.
    for (const expected of ['DESKBELL_VALIDATION', 'DESKBELL_NOT_AUTHENTICATED']) assert.ok(codes.has(expected), `${expected} among ${[...codes].join(', ')}`);
    assert.ok(requests > 200, `requests: ${requests}`);
    await stillServing();
  });

  test('the database is intact: injection strings were data, never SQL', async () => {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      for (const t of ['sites', 'agents', 'conversations', 'messages']) assert.ok(tables.includes(t), `table ${t} still exists`);
      assert.equal((db.prepare('SELECT count(*) AS n FROM sites').get() as { n: number }).n, 1);
      assert.equal((db.prepare('SELECT count(*) AS n FROM agents').get() as { n: number }).n, 1);
    } finally {
      db.close();
    }
  });

  test('every socket event and every /api route is documented in docs/protocol.md', () => {
    const doc = readFileSync(join(ROOT, 'docs/protocol.md'), 'utf8');
    for (const event of new Set([...VISITOR_EVENTS, ...AGENT_EVENTS])) assert.ok(doc.includes(`\`${event}\``), `event ${event} is documented`);
    for (const route of deskbell.routes.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')) {
      assert.ok(doc.includes(`\`${route.method} ${route.url}`), `route ${route.method} ${route.url} is documented`);
    }
  });
});

interface Attempt {
  path: string;
  body?: string | Blob;
  headers: Record<string, string>;
  label: string;
}

/** Percent-encoding that keeps lone surrogates as the invalid UTF-8 bytes they would be. */
function encode(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\u0001')).replaceAll('%01', '%ED%A0%80');
}

/** Bad path parameters, query strings and bodies for one route. */
function requestsFor(route: RouteEntry, random: () => number): Attempt[] {
  const pick = (): string => HOSTILE_STRINGS[Math.floor(random() * HOSTILE_STRINGS.length)]!.slice(0, 300);
  const fill = (value: () => string): string => route.url.replace(/:(\w+)/g, () => encode(value()));
  const queryNames = [...new Set([...schemaProperties(route.schema?.querystring), 'site', 'q', 'lang', 'limit', 'format'])];
  const query = (): string => queryNames.map((n) => `${n}=${encode(pick())}`).join('&');
  const json = { 'content-type': 'application/json' };
  const attempts: Attempt[] = [
    { path: fill(pick), headers: {}, label: 'hostile params' },
    { path: `${fill(pick)}?${query()}`, headers: {}, label: 'hostile query' },
    { path: `${fill(() => 'x'.repeat(3000))}?${queryNames.map((n) => `${n}[]=1&${n}[]=2`).join('&')}`, headers: {}, label: 'long params, array query' },
  ];
  if (route.method === 'GET' || route.method === 'DELETE') return attempts;
  const siteParam = (): string => (route.url.includes(':key') ? route.url.replace(':key', 'site_test').replace(/:(\w+)/g, 'x') : route.url);
  const bodies = hostilePayloads(schemaProperties(route.schema?.body), 16, random).filter((b) => b !== undefined);
  for (const body of bodies) attempts.push({ path: siteParam(), body: JSON.stringify(body).slice(0, 60_000), headers: json, label: 'hostile body' });
  attempts.push(
    { path: siteParam(), body: new Blob([new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])]), headers: json, label: 'invalid UTF-8' },
    { path: siteParam(), body: '{"a":', headers: json, label: 'truncated JSON' },
    { path: siteParam(), body: '['.repeat(20_000) + ']'.repeat(20_000), headers: json, label: 'deep JSON' },
    { path: siteParam(), body: JSON.stringify({ big: 'b'.repeat(200_000) }), headers: json, label: 'oversize body' },
    { path: siteParam(), body: 'email=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' }, label: 'form body' },
    { path: siteParam(), body: 'hello', headers: { 'content-type': 'text/plain' }, label: 'text body' },
  );
  return attempts;
}
