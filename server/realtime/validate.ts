// Payload validation at the socket edge: schemas from the protocol module, compiled once.
import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { deskbellError } from '../errors.js';
import { MAX_MESSAGE_LENGTH } from '../protocol.js';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checkerFor<T extends TSchema>(schema: T): TypeCheck<T> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check as TypeCheck<T>;
}

/** The payload, typed, or a catalogue error naming the first thing wrong with it. */
export function parsePayload<T extends TSchema>(schema: T, payload: unknown): Static<T> {
  const check = checkerFor(schema);
  if (check.Check(payload)) return payload;
  const first = check.Errors(payload).First();
  // The two mistakes a shopper can make get their own, friendlier codes.
  if (first?.path === '/body' && typeof (payload as { body?: unknown }).body === 'string') {
    const body = (payload as { body: string }).body;
    if (body.length > MAX_MESSAGE_LENGTH) throw deskbellError('DESKBELL_MESSAGE_TOO_LONG', MAX_MESSAGE_LENGTH);
    if (body.length === 0) throw deskbellError('DESKBELL_MESSAGE_EMPTY');
  }
  const where = first?.path ? first.path.slice(1).replaceAll('/', '.') : 'payload';
  throw deskbellError('DESKBELL_VALIDATION', `${where}: ${first?.message ?? 'invalid'}`);
}
