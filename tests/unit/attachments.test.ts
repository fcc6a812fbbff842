// The attachment checks that need no server: the type from the first bytes, and the name a
// file is shown and saved under.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sniff } from '../../server/attachments/sniff.js';
import { cleanName } from '../../server/attachments/service.js';
import { EXE_AS_PNG, HTML_AS_PNG, PDF, png } from '../helpers/files.js';

test('the type comes from the signature', () => {
  assert.equal(sniff(png(1, 1)), 'image/png');
  assert.equal(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1])), 'image/jpeg');
  assert.equal(sniff(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00', 'latin1')), 'image/gif');
  assert.equal(sniff(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1')), 'image/webp');
  assert.equal(sniff(PDF), 'application/pdf');
  // Not images: a RIFF that is a WAV, HTML, a Windows program, an SVG (script inside), nothing.
  for (const other of [Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), HTML_AS_PNG, EXE_AS_PNG, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'), Buffer.alloc(0)]) {
    assert.equal(sniff(other), null);
  }
});

test('names: no folders or control characters, the real extension, a fallback', () => {
  assert.equal(cleanName('../../etc/passwd', 'image/png'), 'passwd.png');
  assert.equal(cleanName('C:\\Users\\mei\\parcel.JPG', 'image/jpeg'), 'parcel.JPG');
  assert.equal(cleanName('photo.jpeg', 'image/jpeg'), 'photo.jpeg');
  assert.equal(cleanName('report.exe', 'application/pdf'), 'report.exe.pdf');
  assert.equal(cleanName('a\u0000b\u202ec"d.png', 'image/png'), 'abcd.png');
  assert.equal(cleanName('', 'image/gif'), 'file.gif');
  assert.equal(cleanName('x'.repeat(300), 'image/webp').length, 125);
});
