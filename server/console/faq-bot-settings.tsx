// The bot's settings an owner changes beside the FAQ: whether a Chinese entry with no version
// in the shopper's script is shown converted to it (BotSettings.convertScript). Only managers
// may change it (the server checks; the form says so); agents see how it is set.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiResult, BotSettingsView } from './faq-api.js';
import { useI18n } from './i18n/index.js';
import { describeError } from './format.js';

interface Props {
  settings: BotSettingsView | null;
  manager: boolean;
  onConvertScript: (on: boolean) => Promise<ApiResult<BotSettingsView>>;
  onSaved: (settings: BotSettingsView) => void;
}

export function FaqBotSettings({ settings, manager, onConvertScript, onSaved }: Props): JSX.Element | null {
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
    <section class="faq-card faq-convert-script" aria-labelledby="faq-bot-settings-title" data-testid="faq-bot-settings">
      <h3 id="faq-bot-settings-title">{t('botSettingsTitle')}</h3>
      {!manager && <p class="hint">{t('managersOnly')}</p>}
      <label>
        <input type="checkbox" checked={saving ?? settings.convertScript} disabled={!manager} data-testid="faq-convert-script"
          aria-describedby="faq-convert-script-hint" onChange={(e) => void change(e.currentTarget.checked)} />
        <span>{t('convertScriptLabel')}</span>
      </label>
      <p class="hint" id="faq-convert-script-hint">{t('convertScriptHint')}</p>
      <p class="hint" role="status" data-testid="faq-convert-script-note">{note}</p>
    </section>
  );
}
