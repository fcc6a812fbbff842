// A site's bot settings: the stored overrides merged over the defaults, and the checks a
// change must pass. Pure, so the store (any store) and the command line share one rule.

import { deskbellError } from '../errors.js';
import type { BotSettings, BotSettingsPatch } from '../store/types.js';
import { DEFAULT_THRESHOLDS } from './confidence.js';
import type { MatchThresholds } from './types.js';

/** What a site stores: only the values it changed. */
export interface BotOverrides {
  thresholds?: Partial<MatchThresholds>;
}

const THRESHOLD_NAMES = Object.keys(DEFAULT_THRESHOLDS) as Array<keyof MatchThresholds>;

/** The effective settings; unknown or malformed stored values fall back to the defaults. */
export function resolveBotSettings(overrides: BotOverrides): BotSettings {
  const thresholds: MatchThresholds = { ...DEFAULT_THRESHOLDS };
  for (const name of THRESHOLD_NAMES) {
    const value = overrides.thresholds?.[name];
    if (typeof value === 'number' && Number.isFinite(value)) thresholds[name] = value;
  }
  return { thresholds };
}

/**
 * Applies a patch to a site's overrides and returns the new overrides. Throws
 * DESKBELL_VALIDATION (nothing is changed) when a threshold is outside 0..1 or the result
 * would suggest more eagerly than it answers.
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
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw deskbellError('DESKBELL_VALIDATION', `the ${name} threshold must be a number from 0 to 1, not ${String(value)}`);
    }
    thresholds[name] = value;
  }
  const next: BotOverrides = Object.keys(thresholds).length > 0 ? { ...overrides, thresholds } : withoutThresholds(overrides);
  const { answer, suggest } = resolveBotSettings(next).thresholds;
  if (suggest > answer) {
    throw deskbellError('DESKBELL_VALIDATION', `the suggest threshold (${suggest}) must not be above the answer threshold (${answer})`);
  }
  return next;
}

function withoutThresholds(overrides: BotOverrides): BotOverrides {
  const rest = { ...overrides };
  delete rest.thresholds;
  return rest;
}
