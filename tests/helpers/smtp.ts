// A real SMTP server (smtp-server) for the email tests, on a given or ephemeral port, that
// keeps every mail it accepted; and a mail server that is down: its port held by a listener
// that drops every connection, so no other process can take the port before the test starts
// the real server on it (a port merely freed can be handed to anyone meanwhile).
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail { from: string; to: string[]; raw: string }

/**
 * A single-part text mail's subject and text, decoded as a mail program shows them: MIME
 * encoded-words in the subject (RFC 2047, B and Q), the body's quoted-printable or base64.
 */
export function readMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string): string => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const subject = header('Subject').replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_all, how: string, data: string) => how.toLowerCase() === 'b'
    ? Buffer.from(data, 'base64').toString('utf8')
    : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'));
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8')
    : encoding === 'quoted-printable'
      ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9a-f]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
      : body;
  return { subject, text: text.replace(/\r\n/g, '\n') };
}

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
