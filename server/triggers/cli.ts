// `deskbell triggers import|export`: a site's trigger rules as a JSON array (the format
// `export` prints and the console's import reads). Import is all or nothing, and lists
// every problem by rule (0-based index, as in the array) with its field and reason.
import { formatTriggers } from '../http/console-triggers.js';
import type { Site, Store } from '../store/types.js';
import { checkTriggerList } from './validate.js';

/** Imports `text` (a file's content) into the site; returns the exit code, having said why. */
export async function importTriggers(store: Store, site: Site, file: string, text: string): Promise<number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    console.error(`deskbell: ${file} is not valid JSON (${(err as Error).message}); nothing was imported.`);
    return 1;
  }
  const checked = checkTriggerList(parsed);
  if (!checked.ok) {
    const n = checked.errors.length;
    console.error(`deskbell: ${file} has ${n === 1 ? 'a problem' : `${n} problems`}; nothing was imported.`);
    for (const e of checked.errors) {
      const where = e.index < 0 ? 'file' : `rule ${e.index}${nameOf(parsed, e.index)}`;
      console.error(`  ${where}${e.field ? `, ${e.field}` : ''}: ${e.reason}`);
    }
    return 1;
  }
  await store.replaceTriggers(site.id, checked.rules);
  const enabled = checked.rules.filter((r) => r.enabled).length;
  console.log(`Imported ${checked.rules.length} trigger rules (${enabled} enabled) into ${site.key}; they replace the site's previous rules.`);
  return 0;
}

export async function exportTriggers(store: Store, site: Site): Promise<void> {
  process.stdout.write(formatTriggers(await store.listTriggers(site.id)));
}

function nameOf(list: unknown, index: number): string {
  const item = Array.isArray(list) ? (list[index] as { name?: unknown } | undefined) : undefined;
  return typeof item?.name === 'string' && item.name ? ` ("${item.name.slice(0, 60)}")` : '';
}
