// The socket edge's payload validation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AgentSend, VisitorSend, VisitorSync } from '../../server/protocol.js';
import { parsePayload } from '../../server/realtime/validate.js';

test('valid payloads pass through typed', () => {
  const p = parsePayload(VisitorSend, { clientId: 'abcdefgh12', body: 'hello' });
  assert.equal(p.body, 'hello');
  assert.deepEqual(parsePayload(VisitorSync, { afterSeq: 0 }), { afterSeq: 0 });
});

test('each kind of bad payload gets its code and says where', () => {
  const refusal = (schema: Parameters<typeof parsePayload>[0], payload: unknown) => {
    try {
      parsePayload(schema, payload);
    } catch (err) {
      return { code: (err as { code: string }).code, message: (err as Error).message };
    }
    assert.fail('expected a refusal');
  };
  assert.equal(refusal(VisitorSend, { clientId: 'abcdefgh12', body: 'x'.repeat(4001) }).code, 'DESKBELL_MESSAGE_TOO_LONG');
  assert.equal(refusal(VisitorSend, { clientId: 'abcdefgh12', body: '' }).code, 'DESKBELL_MESSAGE_EMPTY');
  const wrongType = refusal(VisitorSend, { clientId: 'abcdefgh12', body: 5 });
  assert.equal(wrongType.code, 'DESKBELL_VALIDATION');
  assert.match(wrongType.message, /body/);
  assert.equal(refusal(VisitorSend, { clientId: 'has spaces!', body: 'x' }).code, 'DESKBELL_VALIDATION');
  assert.equal(refusal(VisitorSync, { afterSeq: -1 }).code, 'DESKBELL_VALIDATION');
  assert.equal(refusal(VisitorSync, { afterSeq: 1.5 }).code, 'DESKBELL_VALIDATION');
  assert.equal(refusal(AgentSend, { clientId: 'abcdefgh12', body: 'x' }).code, 'DESKBELL_VALIDATION');
  assert.equal(refusal(VisitorSend, null).code, 'DESKBELL_VALIDATION');
  assert.equal(refusal(VisitorSend, JSON.parse('{"__proto__":{"admin":true},"clientId":"abcdefgh12"}')).code, 'DESKBELL_VALIDATION');
});
