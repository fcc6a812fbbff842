// The bot's settings an owner changes beside the FAQ: its three thresholds (when it answers
// by itself, offers choices, or stays quiet), with what they would do to the shop's own FAQ
// counted by the server as they are edited, and whether a Chinese entry with no version in
// the shopper's script is shown converted to it (BotSettings.convertScript). Only managers
// may change them (the server checks; the form says so); agents see how they are set.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { MatchThresholds } from '../faq/types.js';
import type { ApiResult, BotPreview, BotSettingsView } from './faq-api.js';
import { useI18n, type StringKey, type Translate } from './i18n/index.js';
import { describeError } from './format.js';
import { formatCount, formatShare } from './report-format.js';

type Name = keyof MatchThresholds;
type Draft = Record<Name, string>;

interface Props {
  settings: BotSettingsView | null;
  manager: boolean;
  onConvertScript: (on: boolean) => Promise<ApiResult<BotSettingsView>>;
  onThresholds: (thresholds: { [K in Name]: number | null }) => Promise<ApiResult<BotSettingsView>>;
  onPreview: (thresholds: MatchThresholds) => Promise<ApiResult<BotPreview>>;
  onSaved: (settings: BotSettingsView) => void;
}

const NAMES: readonly Name[] = ['answer', 'suggest', 'coverage'];
const TEXT: Record<Name, { label: StringKey; hint: StringKey }> = {
  answer: { label: 'thresholdAnswerLabel', hint: 'thresholdAnswerHint' },
  suggest: { label: 'thresholdSuggestLabel', hint: 'thresholdSuggestHint' },
  coverage: { label: 'thresholdCoverageLabel', hint: 'thresholdCoverageHint' },
};
/** Wait this long after the last keystroke before asking the server for a preview. */
const PREVIEW_DELAY_MS = 300;

const draftOf = (thresholds: MatchThresholds): Draft => ({ answer: String(thresholds.answer), suggest: String(thresholds.suggest), coverage: String(thresholds.coverage) });

/** The draft as numbers, or each field's problem (the server's rules, in the agent's language). */
function check(draft: Draft, t: Translate): { ok: true; thresholds: MatchThresholds } | { ok: false; errors: Partial<Record<Name, string>> } {
  const errors: Partial<Record<Name, string>> = {};
  const values: Partial<MatchThresholds> = {};
  for (const name of NAMES) {
    const text = draft[name].trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value) || value < 0 || value > 1) errors[name] = t('thresholdRange');
    else values[name] = value;
  }
  if (values.answer !== undefined && values.suggest !== undefined && values.suggest > values.answer) errors.suggest = t('thresholdSuggestAbove');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, thresholds: values as MatchThresholds };
}

export function FaqBotSettings({ settings, manager, onConvertScript, onThresholds, onPreview, onSaved }: Props): JSX.Element | null {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  /** The value being saved: the box shows it at once, and goes back if the save fails. */
  const [saving, setSaving] = useState<boolean | null>(null);
  if (!settings) return null;

  const change = async (on: boolean): Promise<void> => {
    if (saving !== null) return;
    setSaving(on);
    setNote('');
    const res = await onConvertScript(on);
    if (res.ok) onSaved(res.data);
    setSaving(null);
    setNote(res.ok ? t('routingSaved') : t('botSettingsFailed', { message: describeError(res.error, t) }));
  };

  return (
    <section class="faq-card faq-bot-settings" aria-labelledby="faq-bot-settings-title" data-testid="faq-bot-settings">
      <h3 id="faq-bot-settings-title">{t('botSettingsTitle')}</h3>
      {!manager && <p class="hint">{t('managersOnly')}</p>}
      <Thresholds settings={settings} manager={manager} onThresholds={onThresholds} onPreview={onPreview} onSaved={onSaved} />
      <div class="faq-convert-script">
        <label>
          <input type="checkbox" checked={saving ?? settings.convertScript} disabled={!manager} data-testid="faq-convert-script"
            aria-describedby="faq-convert-script-hint" onChange={(e) => void change(e.currentTarget.checked)} />
          <span>{t('convertScriptLabel')}</span>
        </label>
        <p class="hint" id="faq-convert-script-hint">{t('convertScriptHint')}</p>
        <p class="hint" role="status" data-testid="faq-convert-script-note">{note}</p>
      </div>
    </section>
  );
}

function Thresholds({ settings, manager, onThresholds, onPreview, onSaved }: Omit<Props, 'settings' | 'onConvertScript'> & { settings: BotSettingsView }): JSX.Element {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings.thresholds));
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<BotPreview | null>(null);
  const [previewError, setPreviewError] = useState('');
  const checked = check(draft, t);
  const saved = settings.thresholds;
  const changed = NAMES.some((name) => draft[name].trim() !== String(saved[name]));

  // A save (or another tab's, on reload) shows the stored values.
  useEffect(() => setDraft(draftOf(saved)), [saved.answer, saved.suggest, saved.coverage]);

  // The preview follows the draft, a moment after the last change; an invalid draft keeps the
  // last numbers off the screen rather than showing ones that no longer match the fields.
  const key = checked.ok ? NAMES.map((name) => checked.thresholds[name]).join(' ') : '';
  useEffect(() => {
    setPreview(null);
    if (!checked.ok) return;
    const asked = checked.thresholds;
    let current = true;
    const timer = setTimeout(() => {
      void onPreview(asked).then((res) => {
        if (!current) return;
        setPreview(res.ok ? res.data : null);
        setPreviewError(res.ok ? '' : t('thresholdPreviewFailed', { message: describeError(res.error, t) }));
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy || !checked.ok) return;
    setBusy(true);
    setNote('');
    // A value equal to the default is stored as "the default", so it follows the default if a
    // later release changes it after a new calibration.
    const body = Object.fromEntries(NAMES.map((name) => [name, checked.thresholds[name] === settings.defaults[name] ? null : checked.thresholds[name]])) as { [K in Name]: number | null };
    const res = await onThresholds(body);
    setBusy(false);
    if (res.ok) onSaved(res.data);
    setNote(res.ok ? t('routingSaved') : t('botSettingsFailed', { message: describeError(res.error, t) }));
  };

  const errors = checked.ok ? {} : checked.errors;
  return (
    <form class="faq-thresholds" onSubmit={(e) => void save(e)} noValidate data-testid="faq-thresholds">
      <p class="hint">{t('thresholdIntro')}</p>
      {NAMES.map((name) => {
        const id = `faq-threshold-${name}`;
        const error = errors[name];
        const isDefault = Number(draft[name]) === settings.defaults[name];
        return (
          <div class="faq-threshold" key={name}>
            <label for={id}>{t(TEXT[name].label)}</label>
            <div class="faq-threshold-row">
              {/* A number input, not a range: it reads out its exact value, takes a typed
                  0.85 as readily as the arrow keys' 0.05 steps, and a phone shows a number pad;
                  a range's thumb is fiddly to move by 0.05 with a finger. */}
              <input id={id} type="number" inputMode="decimal" min={0} max={1} step={0.05} value={draft[name]} readOnly={!manager}
                aria-invalid={error ? 'true' : undefined} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} data-testid={id}
                onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })} />
              {manager && (
                <button type="button" class="link-button" disabled={isDefault} data-testid={`${id}-default`}
                  aria-label={t('thresholdBackToDefaultOf', { label: t(TEXT[name].label), value: String(settings.defaults[name]) })}
                  onClick={() => setDraft({ ...draft, [name]: String(settings.defaults[name]) })}>
                  {t('thresholdBackToDefault')}
                </button>
              )}
            </div>
            <p class="hint" id={`${id}-hint`}>
              {t(TEXT[name].hint)} {t('thresholdDefault', { value: String(settings.defaults[name]) })}
            </p>
            {error && <p class="faq-field-error" id={`${id}-error`} data-testid={`${id}-error`}>{error}</p>}
          </div>
        );
      })}
      {manager && (
        <div class="faq-threshold-actions">
          <button type="submit" class="button primary" disabled={busy || !checked.ok || !changed} data-testid="faq-thresholds-save">
            {t('thresholdSave')}
          </button>
          <span class="hint" role="status" data-testid="faq-thresholds-note">{note}</span>
        </div>
      )}
      <div class="faq-preview" aria-live="polite" data-testid="faq-threshold-preview">
        {previewError && <p class="form-error">{previewError}</p>}
        {preview && <PreviewText preview={preview} lang={lang} t={t} />}
      </div>
    </form>
  );
}

function PreviewText({ preview: p, lang, t }: { preview: BotPreview; lang: Parameters<typeof formatCount>[1]; t: Translate }): JSX.Element {
  const n = (v: number): string => formatCount(v, lang);
  const share = (v: number, of: number): string => formatShare(of === 0 ? 0 : v / of, lang);
  if (!p.enough) return <p class="hint" data-testid="faq-preview-too-few">{t('thresholdPreviewTooFew', { asked: n(p.asked), minimum: n(p.minimum) })}</p>;
  return (
    <>
      <h4>{t('thresholdPreviewTitle')}</h4>
      <p class="hint">{p.asked < p.available ? t('thresholdPreviewSampled', { asked: n(p.asked), available: n(p.available) }) : t('thresholdPreviewAsked', { asked: n(p.asked) })}</p>
      <ul class="faq-preview-counts">
        <li data-testid="faq-preview-answered">{t('thresholdPreviewAnswered', { n: n(p.answered), share: share(p.answered, p.asked), right: n(p.answeredRight) })}</li>
        <li data-testid="faq-preview-suggested">{t('thresholdPreviewSuggested', { n: n(p.suggested), share: share(p.suggested, p.asked), right: n(p.suggestedRight) })}</li>
        <li data-testid="faq-preview-handed">{t('thresholdPreviewHanded', { n: n(p.handedOver), share: share(p.handedOver, p.asked) })}</li>
      </ul>
      <p class="hint">{t('thresholdPreviewCaveat')}</p>
    </>
  );
}
