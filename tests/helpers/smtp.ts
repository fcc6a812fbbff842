// A real SMTP server (smtp-server) for the email tests, on a given or ephemeral port, that
// keeps every mail it accepted; and a mail server that is down: its port held by a listener
// that drops every connection, so no other process can take the port before the test starts
// the real server on it (a port merely freed can be handed to anyone meanwhile).
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail { from: string; to: string[]; raw: string }

export interface TestSmtp {
  port: number;
  url: string;
  mails: Mail[];
  close(): Promise<void>;
}

/** `rejectTo`: recipients refused for good (550 no such mailbox), as a real server would. */
export async function startSmtp(port = 0, options: { rejectTo?: string[] } = {}): Promise<TestSmtp> {
  const mails: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.rejectTo?.includes(address.address)) return callback();
      callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(port, '127.0.0.1', () => {
      smtp.off('error', reject);
      resolve();
    });
  });
  const bound = (smtp.server.address() as AddressInfo).port;
  return { port: bound, url: `smtp://127.0.0.1:${bound}`, mails, close: () => new Promise<void>((resolve) => smtp.close(resolve)) };
}

export interface DownSmtp {
  port: number;
  /** Frees the port (then start the real server on it at once: startUp). */
  close(): Promise<void>;
  /** The mail server comes back: the real one, on the same port. */
  startUp(options?: Parameters<typeof startSmtp>[1]): Promise<TestSmtp>;
}

/** A mail server that is down: every connection to its port is dropped before the greeting. */
export async function downSmtp(): Promise<DownSmtp> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let open = true;
  const close = async (): Promise<void> => {
    if (!open) return;
    open = false;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    port,
    close,
    async startUp(options) {
      await close();
      return startSmtp(port, options);
    },
  };
}

/** How many accepted mails contain `text`. */
export const countMails = (mails: readonly Mail[], text: string): number => mails.filter((m) => m.raw.includes(text)).length;

/** A port that was free a moment ago and has nothing listening on it (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
