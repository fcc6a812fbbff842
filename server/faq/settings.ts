// A site's bot settings: the stored overrides merged over the defaults, and the checks a
// change must pass. Pure, so the store (any store) and the command line share one rule.

import { deskbellError } from '../errors.js';
import type { BotSettings, BotSettingsPatch } from '../store/types.js';
import { DEFAULT_THRESHOLDS } from './confidence.js';
import type { MatchThresholds } from './types.js';

/** What a site stores: only the values it changed. */
export interface BotOverrides {
  thresholds?: Partial<MatchThresholds>;
  /** Stored only when turned off: absent means the default, on. */
  convertScript?: boolean;
}

const THRESHOLD_NAMES = Object.keys(DEFAULT_THRESHOLDS) as Array<keyof MatchThresholds>;

/** The effective settings; unknown or malformed stored values fall back to the defaults. */
export function resolveBotSettings(overrides: BotOverrides): BotSettings {
  const thresholds: MatchThresholds = { ...DEFAULT_THRESHOLDS };
  for (const name of THRESHOLD_NAMES) {
    const value = overrides.thresholds?.[name];
    if (typeof value === 'number' && Number.isFinite(value)) thresholds[name] = value;
  }
  return { thresholds, convertScript: overrides.convertScript !== false };
}

/**
 * Applies a patch to a site's overrides and returns the new overrides. Throws
 * DESKBELL_VALIDATION (nothing is changed) when a threshold is outside 0..1, the result
 * would suggest more eagerly than it answers, or convertScript is not a boolean.
 */
export function applyBotSettingsPatch(overrides: BotOverrides, patch: BotSettingsPatch): BotOverrides {
  const thresholds: Partial<MatchThresholds> = { ...overrides.thresholds };
  for (const name of THRESHOLD_NAMES) {
    const value = patch.thresholds?.[name];
    if (value === undefined) continue;
    if (value === null) {
      delete thresholds[name];
      continue;
    }
    thresholds[name] = checkThreshold(name, value);
  }
  let next: BotOverrides = Object.keys(thresholds).length > 0 ? { ...overrides, thresholds } : without(overrides, 'thresholds');
  if (patch.convertScript !== undefined && patch.convertScript !== null && typeof patch.convertScript !== 'boolean') {
    throw deskbellError('DESKBELL_VALIDATION', `convertScript must be true or false, not ${String(patch.convertScript)}`);
  }
  // On is the default: only "off" is stored, so null (back to the default) and true both remove it.
  if (patch.convertScript === false) next = { ...next, convertScript: false };
  else if (patch.convertScript !== undefined) next = without(next, 'convertScript');
  checkThresholds(resolveBotSettings(next).thresholds);
  return next;
}

/** One threshold: a number from 0 to 1. Throws DESKBELL_VALIDATION otherwise. */
function checkThreshold(name: keyof MatchThresholds, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw deskbellError('DESKBELL_VALIDATION', `the ${name} threshold must be a number from 0 to 1, not ${String(value)}`);
  }
  return value;
}

/**
 * A whole set of thresholds, as saved or previewed: each from 0 to 1, and `suggest` not above
 * `answer` (a bot that suggested more eagerly than it answered would never suggest: `decide`
 * tries `answer` first). Throws DESKBELL_VALIDATION, saying which to change.
 */
export function checkThresholds(thresholds: MatchThresholds): MatchThresholds {
  for (const name of THRESHOLD_NAMES) checkThreshold(name, thresholds[name]);
  const { answer, suggest } = thresholds;
  if (suggest > answer) {
    throw deskbellError('DESKBELL_VALIDATION', `the suggest threshold (${suggest}) must not be above the answer threshold (${answer}): lower suggest or raise answer`);
  }
  return thresholds;
}

function without(overrides: BotOverrides, name: keyof BotOverrides): BotOverrides {
  const rest = { ...overrides };
  delete rest[name];
  return rest;
}
