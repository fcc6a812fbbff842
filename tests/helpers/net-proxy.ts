// A TCP proxy between a browser (or client) and the server, to make network faults real:
// cut every connection (a dropped Wi-Fi), swallow what the server sends (acks lost on the
// way back), drop one WebSocket frame from the server (one event lost), or refuse WebSockets
// altogether (an office proxy that allows only plain HTTP). It understands
// just enough of WebSocket framing (RFC 6455: server frames are unmasked) to do the last.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface NetProxy {
  /** `http://127.0.0.1:PORT`, to use instead of the server's URL. */
  url: string;
  /** Close every open connection now, both sides (new ones are still accepted). */
  cut(): void;
  /** While true, bytes from the server are discarded (the client's still reach it). */
  swallowFromServer: boolean;
  /** While true, new connections are closed at once (no network); set it, then cut(). */
  offline: boolean;
  /** While true, WebSocket handshakes are answered 403 and closed (plain HTTP still passes). */
  blockWebSockets: boolean;
  /** Refuse this many more WebSocket handshakes as blockWebSockets does, then let them through (a server coming back). */
  refuseWebSockets: number;
  /** While true, WebSocket handshakes get no answer at all (a link where they hang); cut() ends the ones held. */
  holdWebSockets: boolean;
  /** WebSocket handshakes refused so far. */
  readonly refused: number;
  /** Holds what the server sends for this long before passing it on, in order (a slow link). */
  delayFromServerMs: number;
  /** Drops the next server WebSocket text frame whose payload matches; resolves when it did, rejects after `timeoutMs`. */
  dropNextFrame(match: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  /** WebSocket connections upgraded (HTTP 101) so far. */
  readonly upgraded: number;
  /** Of those, how many carry the events: the client switched to it (Engine.IO's upgrade packet "5", socket.io-client) or joined a namespace over it (Socket.IO's CONNECT "40/…", the widget's WebSocket-only client). */
  readonly switched: number;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<NetProxy> {
  const open = new Set<Socket>();
  let dropper: { match: (text: string) => boolean; done: (text: string) => void } | null = null;
  let upgraded = 0;
  let switched = 0;
  let refused = 0;
  const proxy: NetProxy = {
    url: '',
    swallowFromServer: false,
    offline: false,
    blockWebSockets: false,
    refuseWebSockets: 0,
    holdWebSockets: false,
    delayFromServerMs: 0,
    cut() {
      for (const s of open) s.destroy();
      open.clear();
    },
    dropNextFrame(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          dropper = null;
          reject(new Error(`no matching WebSocket frame from the server within ${timeoutMs} ms`));
        }, timeoutMs);
        dropper = { match, done: (text) => (clearTimeout(timer), resolve(text)) };
      });
    },
    get upgraded() {
      return upgraded;
    },
    get switched() {
      return switched;
    },
    get refused() {
      return refused;
    },
    close: () => new Promise((resolve) => (proxy.cut(), server.close(() => resolve()))),
  };

  const server: Server = createServer((client) => {
    if (proxy.offline) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    // Client → server: passed on as is; once upgraded, its frames are read (unmasked) only to
    // see Engine.IO's "5" (upgrade) or a Socket.IO CONNECT: from then on this connection carries the events.
    let clientFrames: Buffer | null = null;
    client.on('data', (d: Buffer) => {
      const handshake = clientFrames === null && /\r\nupgrade:\s*websocket/i.test(d.toString('latin1'));
      // Not passed on: the server never hears of it, the browser waits.
      if (proxy.holdWebSockets && handshake) return;
      if ((proxy.blockWebSockets || proxy.refuseWebSockets > 0) && handshake) {
        if (!proxy.blockWebSockets) proxy.refuseWebSockets--;
        refused++;
        upstream.destroy();
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      upstream.write(d);
      if (clientFrames === null) return;
      clientFrames = forwardFrames(Buffer.concat([clientFrames, d]), (_frame, opcode, text) => {
        if (opcode === 1 && (text === '5' || text.startsWith('40/'))) switched++;
      });
    });

    // Server → client, after the link's delay (equal delays keep the order).
    const toClient = (data: Buffer): void => {
      if (proxy.delayFromServerMs > 0) setTimeout(() => client.write(data), proxy.delayFromServerMs);
      else client.write(data);
    };
    // Server → client: HTTP until a 101 response, then WebSocket frames.
    let head: Buffer | null = Buffer.alloc(0);
    let frames: Buffer = Buffer.alloc(0);
    upstream.on('data', (d: Buffer) => {
      if (proxy.swallowFromServer) return;
      if (head !== null) {
        head = Buffer.concat([head, d]);
        const endOfHead = head.indexOf('\r\n\r\n');
        if (endOfHead < 0) return;
        const isUpgrade = head.subarray(0, 12).toString().includes(' 101');
        if (!isUpgrade) {
          // Plain HTTP (polling, assets): pass everything through from now on.
          toClient(head);
          head = null;
          frames = Buffer.alloc(0);
          upstream.removeAllListeners('data');
          upstream.on('data', (more: Buffer) => proxy.swallowFromServer || toClient(more));
          return;
        }
        upgraded++;
        clientFrames = Buffer.alloc(0);
        toClient(head.subarray(0, endOfHead + 4));
        frames = head.subarray(endOfHead + 4);
        head = null;
      } else {
        frames = Buffer.concat([frames, d]);
      }
      frames = forwardFrames(frames, (frame, opcode, text) => {
        if (dropper && opcode === 1 && dropper.match(text)) {
          const { done } = dropper;
          dropper = null;
          done(text);
          return;
        }
        toClient(frame);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return proxy;
}

/**
 * Calls `each` for every whole WebSocket frame at the start of `buffer` (unmasking the text
 * of masked client frames) and returns the unfinished rest, to be completed by the next chunk.
 */
function forwardFrames(buffer: Buffer, each: (frame: Buffer, opcode: number, text: string) => void): Buffer {
  let rest: Buffer = buffer;
  for (;;) {
    if (rest.length < 2) return rest;
    const opcode = rest[0]! & 0x0f;
    const masked = (rest[1]! & 0x80) !== 0;
    let length = rest[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (rest.length < 4) return rest;
      length = rest.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (rest.length < 10) return rest;
      length = Number(rest.readBigUInt64BE(2));
      offset = 10;
    }
    const maskAt = offset;
    if (masked) offset += 4;
    if (rest.length < offset + length) return rest;
    const frame = rest.subarray(0, offset + length);
    const payload = Buffer.from(frame.subarray(offset));
    if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ frame[maskAt + (i % 4)]!;
    rest = rest.subarray(offset + length);
    each(frame, opcode, opcode === 1 ? payload.toString('utf8') : '');
  }
}
