// The server's own words in a console that may be in Thai or Chinese. Its error messages
// (server/errors.ts) and a backup's reasons are written in English, so they are marked as
// English: a screen reader then reads them with an English voice, not a Thai or Chinese one
// (WCAG 3.1.2, Language of Parts). Where the console knows a code (format.ts knownError: every
// code it can meet but the field-level ones) it says it in the agent's language instead.
import type { JSX } from 'preact';
import { knownError, type ConsoleError } from './format.js';
import { useI18n } from './i18n/index.js';

/** Text as the server wrote it (always English). */
export function ServerWords({ text }: { text: string }): JSX.Element {
  return <span lang="en" data-testid="server-words">{text}</span>;
}

/** Why something failed: in the agent's language where the console knows the code, else in the server's words. */
export function ErrorReason({ error }: { error: ConsoleError }): JSX.Element {
  const { t } = useI18n();
  const known = knownError(error, t);
  if (known !== null) return <>{known}</>;
  return error.message ? <ServerWords text={error.message} /> : <>{t('errorRefused')}</>;
}
