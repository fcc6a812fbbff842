// The shop owner sees the server's scheduled backups under the console's chat settings: when
// the last ran, when the next is due, how many are kept and where — in words, on a phone too.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { consoleLogin, demoSuite } from '../helpers/demo.js';
import { eventually } from '../helpers/queue.js';

describe('backups in the console', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskbell-backups-'));
  const demo = demoSuite(undefined, ['--backup-dir', dir, '--backup-every', '1h', '--backup-keep', '3']);
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the owner sees the last and next backup and how many are kept where', async () => {
    // The first backup is due at start (the folder is empty).
    await eventually(() => assert.ok(readdirSync(dir).some((n) => n.endsWith('Z.sqlite'))), 30_000);
    const context = await demo.browser().newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await consoleLogin(page, demo.server());
    await page.locator('[data-testid=nav-settings]').click();
    const panel = page.getByRole('region', { name: 'Backups' });
    const summary = panel.locator('[data-testid=backup-summary]');
    await summary.filter({ hasText: `1 kept in ${dir}` }).waitFor();
    assert.match(await summary.innerText(), /^Last at .+, next at .+, 1 kept in /);
    assert.equal(await panel.locator('[data-testid=backup-failed]').count(), 0, 'no warning while backups work');
    // The list opens from the keyboard.
    await panel.getByText('The backups (1)').focus();
    await page.keyboard.press('Enter');
    await panel.locator('li').filter({ hasText: /^deskbell-\d{8}T\d{6}Z\.sqlite / }).waitFor();
    await context.close();
  });
});
