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
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
