#!/usr/bin/env node
// Browser tests drive Debian's Chromium (/usr/bin/chromium). Install it when missing, so
// `npm test` works on a fresh machine with nothing but Node; say what to do when we can't.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.DESKBELL_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = isRoot ? ['apt-get'] : ['sudo', '-n', 'apt-get'];
console.log(`deskbell: ${CHROMIUM} not found; installing Debian's chromium for the browser tests…`);
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync(apt[0], [...apt.slice(1), 'update', '-q'], { stdio: 'inherit', env });
  execFileSync(apt[0], [...apt.slice(1), 'install', '-y', '-q', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
} catch {
  console.error(`deskbell: could not install chromium. Install it yourself (Debian/Ubuntu: apt-get install -y chromium) or set DESKBELL_CHROMIUM to a Chromium binary, then run npm test again.`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`deskbell: chromium was installed but ${CHROMIUM} is still missing; set DESKBELL_CHROMIUM to its path.`);
  process.exit(1);
}
