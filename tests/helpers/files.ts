// Real files for the attachment tests: a valid PNG drawn here (zlib + CRC, no fixture file),
// a minimal PDF, and impostors that only carry an image's or a PDF's name.
import { deflateSync } from 'node:zlib';
import type { ErrorInfo } from '../../server/protocol.js';
import { SHOP_ORIGIN } from './server.js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A width × height PNG in one colour (RGB), valid for any browser. */
export function png(width: number, height: number, rgb: [number, number, number] = [220, 38, 38]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const HTML_AS_PNG = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
export const EXE_AS_PNG = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);

export interface Uploaded {
  status: number;
  body: { attachment?: { id: string; name: string; type: string; size: number }; error?: ErrorInfo };
}

/** A shopper's upload, as the widget sends it. */
export async function widgetUpload(url: string, siteKey: string, token: string, name: string, bytes: Buffer): Promise<Uploaded> {
  const res = await fetch(`${url}/api/widget/attachments?site=${siteKey}&name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { origin: SHOP_ORIGIN, authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as Uploaded['body'] };
}

/** An agent's upload from the console (for a conversation, or none: a canned reply's file). */
export async function consoleUpload(url: string, cookie: string, name: string, bytes: Buffer, conversation?: string): Promise<Uploaded> {
  const query = `name=${encodeURIComponent(name)}${conversation ? `&conversation=${conversation}` : ''}`;
  const res = await fetch(`${url}/api/console/attachments?${query}`, {
    method: 'POST',
    headers: { origin: url, cookie, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as Uploaded['body'] };
}
