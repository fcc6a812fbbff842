// The built `deskbell` command as a shop owner runs it: a child process, its exit code and output.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runDeskbell(args: string[], options: { cwd?: string; input?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/deskbell.js'), ...args], { cwd: options.cwd ?? ROOT, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    // Decoded by the stream, not chunk by chunk: a Thai or Chinese character split across
    // two 64 KiB chunks would otherwise become two U+FFFD.
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
