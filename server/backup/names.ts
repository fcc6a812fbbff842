// The names of scheduled backups: `deskbell-20261207T164500Z.sqlite` (UTC, sortable as text,
// no colons so Windows and every shell take it) with its `.files` folder beside it. This
// pattern is the fence of the backup folder: the scheduler reads, links and deletes only
// what matches it, whatever else the owner keeps there.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const NAME = /^deskbell-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.sqlite$/;

export interface ScheduledBackup {
  /** The file's name in the backup folder. */
  file: string;
  /** When the backup began (from its name), ms since the epoch. */
  at: number;
}

/** The name of the backup that begins at `at` (to the second). */
export function backupName(at: number): string {
  return `deskbell-${new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')}.sqlite`;
}

/** The time a scheduled backup's name carries; null for any other name. */
export function backupTime(file: string): number | null {
  const m = NAME.exec(file);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const at = Date.UTC(y, mo - 1, d, h, mi, s);
  // A name that only looks like ours (month 13) is not ours.
  return backupName(at) === file ? at : null;
}

/** The scheduled backups among `names`, oldest first. */
export function scheduledAmong(names: readonly string[]): ScheduledBackup[] {
  const found: ScheduledBackup[] = [];
  for (const file of names) {
    const at = backupTime(file);
    if (at !== null) found.push({ file, at });
  }
  return found.sort((a, b) => a.at - b.at);
}

/**
 * The scheduled backups in `dir` that are files (a folder that happens to carry the name is
 * not a backup), oldest first; none when `dir` cannot be read.
 */
export function listScheduled(dir: string): Array<ScheduledBackup & { bytes: number }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: Array<ScheduledBackup & { bytes: number }> = [];
  for (const backup of scheduledAmong(names)) {
    try {
      const stat = statSync(join(dir, backup.file));
      if (stat.isFile()) found.push({ ...backup, bytes: stat.size });
    } catch {
      // removed meanwhile
    }
  }
  return found;
}

const PART = /^(deskbell-\d{8}T\d{6}Z\.sqlite)(?:\.partial-[0-9a-f]{8})?(?:\.files)?$/;

/** The backup a name in the folder belongs to (itself, its `.files`, a temporary copy of either); null: not ours. */
export function backupOf(name: string): string | null {
  const base = PART.exec(name)?.[1];
  return base !== undefined && backupTime(base) !== null ? base : null;
}

/**
 * What retention deletes from a folder holding `names`: every part of the scheduled backups
 * beyond the newest `keep`, and parts whose backup is gone (a `.files` folder left alone, a
 * temporary copy a killed server left) — but only of backups begun before `before` (the run
 * that just finished), so nothing a run still writes is touched. Databases come first in
 * the list: a backup is gone once its database is, and never half there with its photos missing.
 */
export function retention(names: readonly string[], keep: number, before: number): string[] {
  const kept = new Set(scheduledAmong(names).slice(-keep).map((b) => b.file));
  const doomed = names.filter((name) => {
    const base = backupOf(name);
    if (base === null || (backupTime(base) ?? before) >= before) return false;
    // A kept backup keeps itself and its photos, not a temporary copy left beside it.
    return !(kept.has(base) && (name === base || name === `${base}.files`));
  });
  return doomed.sort((a, b) => Number(backupOf(a) !== a) - Number(backupOf(b) !== b) || a.localeCompare(b));
}
