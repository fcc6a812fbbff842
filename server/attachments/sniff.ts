// The file's type from its first bytes, never from its name or the type the browser claims:
// a "photo.png" that is really HTML or an executable is refused. Five signatures are all
// Deskbell accepts, so a dozen bytes decide (no dependency for it).
import type { AttachmentType } from '../protocol.js';

/** How many leading bytes `sniff` needs. */
export const SNIFF_BYTES = 12;

const ascii = (head: Uint8Array, at: number, text: string): boolean =>
  [...text].every((ch, i) => head[at + i] === ch.charCodeAt(0));

export function sniff(head: Uint8Array): AttachmentType | null {
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'image/gif';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp';
  if (ascii(head, 0, '%PDF-')) return 'application/pdf';
  return null;
}
