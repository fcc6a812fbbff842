// What carries the widget socket's Engine.IO packets: a WebSocket, or — on a network that
// blocks WebSockets (some office proxies and firewalls) — HTTP long-polling, Engine.IO v4's
// own fallback (https://socket.io/docs/v4/engine-io-protocol/): a GET that the server holds
// until it has packets, a POST for each batch the widget sends, packets separated by the
// record separator (0x1e) in both. Both answer with text packets only: the widget sends and
// receives JSON.

export interface Pipe {
  send(packet: string): void;
  /** Ends it; no callback fires after this. */
  close(): void;
}

export interface PipeEvents {
  message(packet: string): void;
  /** It ended by itself (the network, the server). */
  closed(): void;
}

/** Long-polling that can hand its session over to a WebSocket. */
export interface PollingPipe extends Pipe {
  /**
   * Stops polling; calls `idle` once no request is under way and nothing waits to be sent (then
   * it is closed). `idle` says whether the session moved on; if not, the pipe reports `closed`.
   */
  pause(idle: () => boolean): void;
}

function openWebSocket(url: URL, sid?: string): WebSocket {
  const wsUrl = new URL(url);
  wsUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  wsUrl.searchParams.set('transport', 'websocket');
  if (sid) wsUrl.searchParams.set('sid', sid);
  return new WebSocket(wsUrl.href);
}

/** `url` is the Engine.IO endpoint with `EIO=4` and the site in its query. */
export function webSocketPipe(url: URL, on: PipeEvents): Pipe {
  return adopt(openWebSocket(url), on);
}

function adopt(ws: WebSocket, on: PipeEvents): Pipe {
  ws.onmessage = (e) => on.message(String(e.data));
  // An error is always followed by close.
  ws.onclose = () => on.closed();
  return {
    // Only ever called after the server's first packet arrived, so the socket is open.
    send: (packet) => ws.send(packet),
    close() {
      ws.onmessage = ws.onclose = null;
      ws.close();
    },
  };
}

/**
 * Engine.IO's upgrade (the protocol's "probe"): a long-polling session that opened tries a
 * WebSocket joined to it; if the server answers the probe, polling pauses, the WebSocket
 * sends "upgrade" and carries the session from then on — no reconnect, nothing resent.
 * `upgraded` gets the new pipe; on failure nothing happens (the page stays on polling).
 */
export function upgradeToWebSocket(url: URL, sid: string, polling: PollingPipe, on: PipeEvents, upgraded: (pipe: Pipe) => void): void {
  const ws = openWebSocket(url, sid);
  ws.onopen = () => ws.send('2probe');
  ws.onmessage = (e) => {
    ws.onmessage = null;
    if (e.data !== '3probe') return ws.close();
    polling.pause(() => {
      if (ws.readyState !== WebSocket.OPEN) return false;
      ws.send('5');
      upgraded(adopt(ws, on));
      return true;
    });
  };
}

const SEPARATOR = '\x1e';

export function pollingPipe(url: URL, on: PipeEvents): PollingPipe {
  let sid = '';
  let done = false;
  let queue: string[] = [];
  let posting = false;
  let polling = false;
  let paused: (() => boolean) | null = null;
  /** Paused and quiet: the session is the WebSocket's now — or, if that closed meanwhile, lost. */
  const settle = (): void => {
    if (!paused || polling || posting || queue.length || done) return;
    done = true;
    if (!paused()) on.closed();
  };
  let n = 0;
  const at = (): string => `${url.href}&transport=polling&t=${Date.now().toString(36)}${n++}${sid ? `&sid=${sid}` : ''}`;
  const fail = (): void => {
    if (done) return;
    done = true;
    on.closed();
  };
  const ok = (res: Response): Response => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res;
  };
  // One GET at a time, for as long as the session lives: the server answers it with the
  // packets it has (a ping at the latest every ping interval).
  const poll = async (): Promise<void> => {
    while (!done && !paused) {
      polling = true;
      const text = await (await fetch(at(), { credentials: 'omit', cache: 'no-store' }).then(ok)).text();
      polling = false;
      for (const packet of text.split(SEPARATOR)) {
        if (done) return;
        // The open packet names the session; every later request carries it.
        if (!sid && packet[0] === '0') sid = (JSON.parse(packet.slice(1)) as { sid: string }).sid;
        on.message(packet);
      }
    }
    settle();
  };
  poll().catch(fail);
  // One POST at a time too (the server refuses overlapping ones): what is sent meanwhile
  // goes in the next batch.
  const flush = (): void => {
    if (posting || done || !sid || !queue.length) return;
    posting = true;
    const body = queue.join(SEPARATOR);
    queue = [];
    fetch(at(), { method: 'POST', body, credentials: 'omit', headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).then(ok).then(() => {
      posting = false;
      flush();
      settle();
    }, fail);
  };
  return {
    send(packet) {
      queue.push(packet);
      flush();
    },
    pause(idle) {
      paused = idle;
      settle();
    },
    close() {
      if (done) return;
      done = true;
      // Tell the server at once (Engine.IO close), rather than leaving it to time the session out.
      if (sid && !posting) void fetch(at(), { method: 'POST', body: [...queue, '1'].join(SEPARATOR), credentials: 'omit', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, keepalive: true }).catch(() => undefined);
    },
  };
}
