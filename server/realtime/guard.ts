// The edge every socket event passes: known event? under the rate limit? payload valid?
// Then the service runs and the acknowledgement says `{ ok: true, … }` or
// `{ ok: false, error: { code, message } }`. Errors are logged once, here.
import type { TSchema, Static } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import { deskbellError, errorInfo, isDeskbellError } from '../errors.js';
import type { ErrorInfo } from '../protocol.js';
import { DISCONNECT_AFTER_REFUSALS, TokenBucket } from './limits.js';
import { parsePayload } from './validate.js';

type AnyAck = (res: unknown) => void;

/** Refuses unknown events and floods before any handler runs. */
export function guardSocket(socket: Socket, known: readonly string[], log: FastifyBaseLogger, now: () => number): void {
  const bucket = new TokenBucket(now);
  let floodLogged = false;
  socket.use((packet, next) => {
    const [event] = packet;
    const ack = packet.length > 1 && typeof packet[packet.length - 1] === 'function' ? (packet[packet.length - 1] as AnyAck) : null;
    const refuse = (error: ErrorInfo): void => {
      if (ack) ack({ ok: false, error });
      else socket.emit('server:error', error);
    };
    if (!bucket.take()) {
      if (!floodLogged) log.warn({ socket: socket.id, ns: socket.nsp.name }, 'socket rate limited');
      floodLogged = true;
      refuse(errorInfo(deskbellError('DESKBELL_RATE_LIMITED')));
      if (bucket.refused >= DISCONNECT_AFTER_REFUSALS) socket.disconnect(true);
      return;
    }
    if (typeof event !== 'string' || !known.includes(event)) {
      log.warn({ socket: socket.id, ns: socket.nsp.name, event: String(event).slice(0, 64) }, 'unknown socket event');
      refuse(errorInfo(deskbellError('DESKBELL_UNKNOWN_EVENT', String(event).slice(0, 64))));
      return;
    }
    next();
  });
}

/** Registers a validated, acknowledged handler. */
export function handle<S extends TSchema, R extends object>(
  socket: Socket,
  event: string,
  schema: S,
  log: FastifyBaseLogger,
  run: (payload: Static<S>) => Promise<R>,
): void {
  socket.on(event, async (...args: unknown[]) => {
    // `emit(event, ack)` with no payload puts the ack first.
    const last = args[args.length - 1];
    const ack: AnyAck | null = typeof last === 'function' ? (last as AnyAck) : null;
    const payload = args.length > 0 && args[0] !== last ? args[0] : ack ? undefined : args[0];
    try {
      const parsed = parsePayload(schema, payload);
      const result = await run(parsed);
      ack?.({ ok: true, ...result });
    } catch (err) {
      const info = errorInfo(storageAware(err));
      if (isDeskbellError(err) && err.statusCode < 500) {
        log.info({ socket: socket.id, event, code: info.code }, 'socket event refused');
      } else {
        log.error({ err, socket: socket.id, event }, 'socket event failed');
      }
      if (ack) ack({ ok: false, error: info });
      else socket.emit('server:error', info);
    }
  });
}

/** SQLite's own errors (busy, full, I/O) become "not stored, retry": never a false ack. */
function storageAware(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return deskbellError('DESKBELL_STORAGE');
  return err;
}
