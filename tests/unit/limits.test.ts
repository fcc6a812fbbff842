// The widget keeps its own copy of limits it enforces before sending (it may import the
// protocol module only as types); the copies must equal the server's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_MESSAGE_LENGTH } from '../../server/protocol.js';
import { MAX_MESSAGE_LENGTH_CLIENT } from '../../widget/limits.js';

test('the widget\'s message length limit is the server\'s', () => {
  assert.equal(MAX_MESSAGE_LENGTH_CLIENT, MAX_MESSAGE_LENGTH);
});
