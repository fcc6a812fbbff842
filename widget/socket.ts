// The widget's Socket.IO client: protocol v5 over Engine.IO v4, and only what the widget uses
// — one namespace, JSON events, acknowledgements with a timeout, `auth` asked afresh on every
// connect, reconnection with backoff, WebSocket first and HTTP long-polling where WebSockets
// never get through (./socket-pipes.ts). socket.io-client does all this and more (binary,
// multiplexing, upgrades) for about 13 KB gzip, half the chat's budget; this is under 3 KB.
// The server is the stock Socket.IO server. The protocol:
// https://socket.io/docs/v4/socket-io-protocol/ and https://socket.io/docs/v4/engine-io-protocol/.
// Why we wrote it, and what it leaves out: docs/decisions/loader.md.
import { pollingPipe, upgradeToWebSocket, webSocketPipe, type Pipe, type PipeEvents, type PollingPipe } from './socket-pipes.js';

/** A refusal by the server's middleware carries `{ code, message }` in `data`. */
export type ConnectError = Error & { data?: { code: string; message: string } };

export type DisconnectReason = 'io server disconnect' | 'io client disconnect' | 'transport close' | 'ping timeout';

interface Pending {
  resolve(res: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

type Handler = (...args: never[]) => void;
type Reserved = {
  connect: () => void;
  disconnect: (reason: DisconnectReason) => void;
  connect_error: (err: ConnectError) => void;
};

const RETRY_MIN_MS = 1_000;
/** WebSocket attempts that never got the server's first packet before long-polling is tried. */
const WS_TRIES = 2;

export class WidgetSocket<Listen extends Record<keyof Listen, Handler>> {
  /** The namespace accepted us: events flow. */
  connected = false;
  /** It is connecting or will reconnect by itself (false after a refusal or a server or client disconnect). */
  active = false;
  private pipe: Pipe | null = null;
  /**
   * Long-polling: WebSockets failed WS_TRIES times and never worked on this page. The first
   * polling session that opens probes a WebSocket once (Engine.IO's upgrade): a server that
   * was down while the page loaded gets its WebSocket back; a network that blocks them keeps
   * polling for the page view.
   */
  private polling = false;
  private probed = false;
  /** The current connection got the server's first packet. */
  private opened = false;
  private wsWorked = false;
  private wsFailures = 0;
  private readonly handlers = new Map<string, Handler[]>();
  private readonly acks = new Map<number, Pending>();
  private nextId = 0;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private pingWindow = 45_000;

  constructor(
    private readonly url: string,
    private readonly nsp: string,
    private readonly auth: () => Record<string, unknown>,
    private readonly retryMaxMs: number,
  ) {}

  on<E extends keyof (Listen & Reserved) & string>(event: E, fn: (Listen & Reserved)[E]): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn as Handler]);
    return this;
  }

  connect(): this {
    if (this.pipe) return this;
    clearTimeout(this.retryTimer);
    this.active = true;
    this.open();
    return this;
  }

  /** Leave, and don't come back by itself. */
  disconnect(): this {
    this.active = false;
    clearTimeout(this.retryTimer);
    if (this.connected) this.pipe?.send(`41${this.nsp},`);
    this.lost('io client disconnect');
    return this;
  }

  /** Sends an event and resolves with the server's acknowledgement, or 'timeout' (also when the connection drops first). */
  request<T>(event: string, payload: unknown, timeoutMs: number): Promise<T | 'timeout'> {
    return new Promise((resolve) => {
      if (!this.connected || !this.pipe) return resolve('timeout');
      const id = this.nextId++;
      const timer = setTimeout(() => this.settle(id, 'timeout'), timeoutMs);
      this.acks.set(id, { resolve: resolve as (res: unknown) => void, timer });
      this.pipe.send(`42${this.nsp},${id}${JSON.stringify([event, payload])}`);
    });
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const fn of this.handlers.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }

  private settle(id: number, res: unknown): void {
    const pending = this.acks.get(id);
    if (!pending) return;
    this.acks.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(res);
  }

  private endpoint(): URL {
    const url = new URL(this.url); // its query (the site) goes along
    url.pathname = '/socket.io/';
    url.searchParams.set('EIO', '4');
    return url;
  }

  /** A pipe's events, heard only while it is the socket's pipe. */
  private events(pipe: () => Pipe | null): PipeEvents {
    return {
      message: (packet) => this.pipe === pipe() && this.engine(packet),
      closed: () => this.pipe === pipe() && this.lost('transport close'),
    };
  }

  private open(): void {
    this.opened = false;
    let pipe: Pipe | null = null;
    pipe = (this.polling ? pollingPipe : webSocketPipe)(this.endpoint(), this.events(() => pipe));
    this.pipe = pipe;
  }

  private upgrade(sid: string): void {
    const polling = this.pipe as PollingPipe;
    let ws: Pipe | null = null;
    upgradeToWebSocket(this.endpoint(), sid, polling, this.events(() => ws), (pipe) => {
      if (this.pipe !== polling) return pipe.close();
      this.pipe = ws = pipe;
      this.polling = false;
      this.wsWorked = true;
    });
  }

  /** Engine.IO packets: 0 open, 1 close, 2 ping, 4 message. */
  private engine(data: string): void {
    const type = data[0];
    if (type === '0') {
      this.opened = true;
      if (!this.polling) this.wsWorked = true;
      const open = parse(data.slice(1)) as { sid?: string; pingInterval?: number; pingTimeout?: number } | undefined;
      if (open?.pingInterval && open.pingTimeout) this.pingWindow = open.pingInterval + open.pingTimeout;
      this.heartbeat();
      this.pipe?.send(`40${this.nsp},${JSON.stringify(this.auth())}`);
      if (this.polling && !this.probed && open?.sid) {
        this.probed = true;
        this.upgrade(open.sid);
      }
    } else if (type === '2') {
      this.pipe?.send('3');
      this.heartbeat();
    } else if (type === '1') this.lost('transport close');
    else if (type === '4') this.packet(data.slice(1));
  }

  /** A server that stops pinging is gone, even if the socket looks open (a dead NAT, a sleeping laptop). */
  private heartbeat(): void {
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => this.lost('ping timeout'), this.pingWindow);
  }

  /** Socket.IO packets: `<type><nsp>,<ack id><json>`; 0 connect, 1 disconnect, 2 event, 3 ack, 4 connect error. */
  private packet(data: string): void {
    const prefix = this.nsp + ',';
    if (!data.startsWith(prefix, 1)) return;
    const rest = data.slice(1 + prefix.length);
    const id = /^\d*/.exec(rest)?.[0] ?? '';
    const body = parse(rest.slice(id.length));
    switch (data[0]) {
      case '0':
        this.connected = true;
        this.attempts = 0;
        this.fire('connect');
        break;
      case '1':
        this.active = false;
        this.lost('io server disconnect');
        break;
      case '2':
        if (Array.isArray(body) && typeof body[0] === 'string') this.fire(body[0], ...body.slice(1));
        break;
      case '3':
        this.settle(Number(id), Array.isArray(body) ? body[0] : undefined);
        break;
      case '4': {
        // Refused by the server's middleware: not retried by itself (the caller decides).
        this.active = false;
        this.lost(null);
        const info = (body ?? {}) as { message?: string; data?: ConnectError['data'] };
        this.fire('connect_error', Object.assign(new Error(info.message ?? 'refused'), { data: info.data }));
        break;
      }
    }
  }

  /** The connection ended: tell the listeners, fail the waiting requests, and come back unless told not to. */
  private lost(reason: DisconnectReason | null): void {
    const pipe = this.pipe;
    if (!pipe) return;
    this.pipe = null;
    pipe.close();
    // A WebSocket that never opened, on a page where none ever has: blocked on the way (a
    // proxy, a firewall), or the server is down; long-polling gets through the first and is
    // no worse for the second. Its first session probes a WebSocket once (upgrade()).
    if (!this.opened && !this.polling && !this.wsWorked && ++this.wsFailures >= WS_TRIES) this.polling = true;
    clearTimeout(this.pingTimer);
    for (const id of [...this.acks.keys()]) this.settle(id, 'timeout');
    const was = this.connected;
    this.connected = false;
    if (reason && was) this.fire('disconnect', reason);
    else if (reason && this.active) this.fire('connect_error', new Error(reason));
    if (this.active) {
      // 1 s doubling to the maximum, ±50 % so a restarted server is not hit by everyone at once.
      const delay = Math.min(RETRY_MIN_MS * 2 ** this.attempts++, this.retryMaxMs) * (0.5 + Math.random());
      this.retryTimer = setTimeout(() => this.active && !this.pipe && this.open(), delay);
    }
  }
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
