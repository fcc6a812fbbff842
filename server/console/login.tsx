// The login form: email and password to a session cookie. Errors are said in the agent's
// language and announced (role=alert); the form stays usable with the keyboard alone.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentProfile } from '../protocol.js';
import { login, type LoginResult } from './auth.js';
import { knownError } from './format.js';
import { fillParts, useI18n, type Translate } from './i18n/index.js';
import { LanguagePicker } from './language-picker.js';
import { ErrorReason } from './server-words.js';

interface Props {
  onLoggedIn: (agent: AgentProfile) => void;
  /** Shown when a live session ended (logout elsewhere, expiry). */
  sessionEnded: boolean;
}

export function Login({ onLoggedIn, sessionEnded }: Props): JSX.Element {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ComponentChildren>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => emailRef.current?.focus(), []);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    // Our own check instead of the browser's bubbles, so the message is in the console's language.
    if (email.trim().length < 3 || password === '') {
      setError(t('loginInvalid'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await login(email.trim(), password);
    setBusy(false);
    if (result.ok) {
      onLoggedIn(result.agent);
      return;
    }
    setError(loginMessage(result, t));
  };

  return (
    <main class="login-page">
      <div class="login-lang">
        <LanguagePicker />
      </div>
      <form class="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">{t('loginTitle')}</h1>
        <p class="muted">{t('loginIntro')}</p>
        {sessionEnded && !error && <p class="info">{t('sessionEnded')}</p>}
        <label class="field">
          <span>{t('email')}</span>
          <input
            ref={emailRef}
            type="email"
            name="email"
            autocomplete="username"
            inputMode="email"
            required
            value={email}
            data-testid="login-email"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'login-error' : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{t('password')}</span>
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            data-testid="login-password"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'login-error' : undefined}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <div id="login-error" class="form-error" role="alert">
          {error}
        </div>
        <button type="submit" class="button primary wide" data-testid="login-submit" disabled={busy}>
          {busy ? t('loggingIn') : t('loginSubmit')}
        </button>
      </form>
    </main>
  );
}

function loginMessage(result: Extract<LoginResult, { ok: false }>, t: Translate): ComponentChildren {
  if (result.status === 0) return t('loginUnreachable');
  // The server's check of the form's fields: what our own check above says too.
  if (result.error.code === 'DESKBELL_VALIDATION') return t('loginInvalid');
  if (result.error.code === 'DESKBELL_RATE_LIMITED' && !result.retryAfterSeconds) return t('loginRateLimitedSoon');
  const error = { ...result.error, retryAfterSeconds: result.retryAfterSeconds };
  return knownError(error, t) ?? fillParts(t('loginError'), { message: <ErrorReason error={error} /> });
}
