// The console's root: language, then "who is signed in?" — the login form or the workspace.
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { AgentProfile, Lang } from '../protocol.js';
import { currentAgent } from './auth.js';
import { I18nContext, initialLang, saveLang, translator, useI18n, type I18n } from './i18n/index.js';
import { Login } from './login.js';
import { Workspace } from './workspace.js';

type Phase =
  | { kind: 'checking'; unreachable: boolean }
  | { kind: 'login'; sessionEnded: boolean }
  | { kind: 'console'; agent: AgentProfile };

const SESSION_RETRY_MS = 3_000;

export function App(): JSX.Element {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo<I18n>(
    () => ({
      lang,
      t: translator(lang),
      setLang: (next) => {
        saveLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t('documentTitle');
  }, [lang, i18n]);

  return (
    <I18nContext.Provider value={i18n}>
      <Session />
    </I18nContext.Provider>
  );
}

function Session(): JSX.Element {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'checking', unreachable: false });

  useEffect(() => {
    if (phase.kind !== 'checking') return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async (): Promise<void> => {
      const result = await currentAgent();
      if (cancelled) return;
      if (result.kind === 'agent') setPhase({ kind: 'console', agent: result.agent });
      else if (result.kind === 'unauthenticated') setPhase({ kind: 'login', sessionEnded: false });
      else {
        // The server is restarting or the network is down: keep asking, say so meanwhile.
        setPhase({ kind: 'checking', unreachable: true });
        timer = setTimeout(() => void check(), SESSION_RETRY_MS);
      }
    };
    void check();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // Runs when the phase becomes "checking" (once, at start); retries stay inside it.
  }, [phase.kind]);

  const loggedIn = useCallback((agent: AgentProfile) => setPhase({ kind: 'console', agent }), []);
  const loggedOut = useCallback(() => setPhase({ kind: 'login', sessionEnded: false }), []);
  const sessionEnded = useCallback(() => setPhase({ kind: 'login', sessionEnded: true }), []);

  if (phase.kind === 'console') {
    return <Workspace key={phase.agent.id} agent={phase.agent} onLoggedOut={loggedOut} onSessionEnded={sessionEnded} />;
  }
  if (phase.kind === 'login') return <Login onLoggedIn={loggedIn} sessionEnded={phase.sessionEnded} />;
  return (
    <main class="splash" aria-busy="true">
      <p role="status">{phase.unreachable ? t('serverUnreachable') : t('loading')}</p>
    </main>
  );
}
