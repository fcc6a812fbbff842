// The chat UI: launcher button with unread badge, and the panel (header, messages, composer).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentInfo, Lang, Message, TriggerOutcome, WidgetConfig, WidgetTrigger } from '../../server/protocol.js';
import { MAX_MESSAGE_LENGTH_CLIENT } from '../limits.js';
import { translator } from '../i18n/index.js';
import type { ChatConnection, ChatState } from '../transport.js';
import type { FaqClient, FaqQuestion } from '../faq-client.js';
import { saveText } from '../save-text.js';
import { AttachButton } from './attachments.js';
import { Composer } from './composer.js';
import { History } from './history.js';
import { LeaveMessage, QueueStatus, Rating } from './human.js';
import { MessageList } from './message-list.js';
import { Prompt, textIn } from './prompt.js';

export interface AppProps {
  config: WidgetConfig;
  lang: Lang;
  connection: ChatConnection;
  faq: FaqClient;
  /** The page API and the trigger engine drive the chat through this. */
  control: ChatControl;
  /** Where a prompt's outcome goes (widget/main.tsx: beacon, engine, link). */
  prompts: PromptHooks;
  onOpenChange: (open: boolean) => void;
  onMessage: (m: Message) => void;
}

export interface ChatControl {
  setOpen?: (open: boolean) => void;
  prefill?: (text: string) => void;
  setLauncher?: (visible: boolean) => void;
  showPrompt?: (rule: WidgetTrigger) => void;
  /** No prompt now: the panel is open, the shopper is typing, or talking to a person. */
  blocked?: () => boolean;
}

export interface PromptHooks {
  outcome(trigger: string, outcome: TriggerOutcome): void;
  dismissed(): void;
  /** The chat's state changed in a way that may unblock a prompt. */
  changed(): void;
  anon: string;
}

const TYPING_BLOCKS_MS = 5_000;

export function App({ config, lang, connection, faq, control, prompts, onOpenChange, onMessage }: AppProps) {
  const [topQuestions, setTopQuestions] = useState<FaqQuestion[] | null>(null);
  const t = translator(lang);
  const [state, setState] = useState<ChatState>(connection.state);
  const [open, setOpenState] = useState(false);
  const launcherRef = useRef<HTMLButtonElement>(null);
  const lastAnnounced = useRef(0);
  const [announcement, setAnnouncement] = useState('');
  const [prompt, setPrompt] = useState<WidgetTrigger | null>(null);
  /** The prompt's message, shown as the panel's greeting once the shopper took it up. */
  const [promptGreeting, setPromptGreeting] = useState<string | null>(null);
  const [draft, setDraft] = useState({ n: 0, text: '' });
  const [launcherShown, setLauncherShown] = useState(true);
  const live = useRef({ open, state, typingAt: 0 });
  live.current.open = open;
  live.current.state = state;
  /** The prompt the shopper took up: their first message then counts as its reply. */
  const engaged = useRef<{ id: string; replied: boolean; linked: boolean } | null>(null);
  const linked = useRef(false);
  const [leaving, setLeaving] = useState(false);
  const [history, setHistory] = useState(false);
  const load = (id: string): Promise<Blob | null> => connection.file(id);

  const wasOpen = useRef(false);
  /** The composer takes focus when the shopper opens the chat, not when a prompt does. */
  const focusComposer = useRef(true);
  const setOpen = (next: boolean): void => {
    focusComposer.current = true;
    setOpenState(next);
    onOpenChange(next);
    if (next) connection.connect();
    // Fetched once, on first open: a page view that never opens the chat costs nothing.
    if (next && topQuestions === null) {
      setTopQuestions([]);
      void faq.top().then(setTopQuestions);
    }
  };
  // Focus goes back to the launcher after closing (once it is shown again, on phones).
  useEffect(() => {
    if (wasOpen.current && !open) launcherRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  control.setOpen = setOpen;
  control.prefill = (text) => {
    setDraft((d) => ({ n: d.n + 1, text }));
    setOpen(true);
  };
  control.setLauncher = setLauncherShown;
  control.showPrompt = (rule) => {
    setAnnouncement(textIn(rule.action.text, lang));
    if (rule.action.kind === 'bubble') return setPrompt(rule);
    engaged.current = { id: rule.id, replied: false, linked: false };
    setPromptGreeting(textIn(rule.action.text, lang));
    setOpen(true);
    focusComposer.current = false;
  };
  control.blocked = () => live.current.open || Date.now() - live.current.typingAt < TYPING_BLOCKS_MS || talkingToPerson(live.current.state);
  const takeUp = (rule: WidgetTrigger): void => {
    prompts.outcome(rule.id, 'clicked');
    engaged.current = { id: rule.id, replied: false, linked: false };
    setPromptGreeting(textIn(rule.action.text, lang));
    setPrompt(null);
  };
  const send = (body: string, files?: AttachmentInfo[]): void => {
    connection.send(body, files);
    const e = engaged.current;
    if (e && !e.replied) {
      e.replied = true;
      prompts.outcome(e.id, 'replied');
    }
  };
  // Link this browser's pages to the visitor once connected, and a conversation the prompt
  // started to the prompt once it exists (its first message is stored).
  useEffect(() => {
    if (state.status !== 'online') return;
    if (!linked.current) {
      linked.current = true;
      void connection.linkVisit(prompts.anon, null);
    }
    const e = engaged.current;
    if (e?.replied && !e.linked && state.conversation?.status === 'open' && state.conversation.lastSeq > 0) {
      e.linked = true;
      void connection.linkVisit(prompts.anon, e.id);
    }
  }, [state.status, state.conversation?.lastSeq]);
  useEffect(() => prompts.changed(), [open, talkingToPerson(state)]);

  useEffect(() => {
    connection.onChange(setState);
    if (connection.known) connection.connect();
    const wake = (): void => {
      if (document.visibilityState === 'visible') connection.wake();
    };
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('online', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('online', wake);
    };
  }, [connection]);

  // Mark read while the panel is open and the page visible; announce new replies.
  const conversation = state.conversation;
  useEffect(() => {
    if (open && document.visibilityState === 'visible') connection.markRead();
    const newest = state.messages[state.messages.length - 1];
    if (newest && newest.seq > lastAnnounced.current) {
      if (lastAnnounced.current !== 0 && newest.author !== 'visitor') {
        setAnnouncement(t('newMessage', { name: newest.authorName ?? t('agent') }) + ': ' + newest.body.slice(0, 200));
        onMessage(newest);
      }
      lastAnnounced.current = newest.seq;
    }
  }, [open, state.messages, conversation?.lastSeq]);

  const bot = {
    feedback: (id: string, helpful: boolean) => connection.feedback(id, helpful),
    choose: (id: string, faqId: string | null) => connection.choose(id, faqId),
    handoff: () => connection.requestHandoff(),
  };
  const unread = conversation
    ? state.messages.filter((m) => m.seq > conversation.visitorReadSeq && m.author !== 'visitor').length
    : 0;
  const greeting = config.theme.greeting[lang] ?? t('greeting');
  const side = config.theme.position === 'left' ? 'left' : 'right';
  // Outside business hours (until the next opening passes on this page).
  const hours = config.hours;
  const closedNow = !!hours && !hours.open && (hours.opensAt === null || Date.now() < hours.opensAt);

  return (
    <div class={`db-root db-${side}${open ? ' db-open' : ''}`} style={{ '--db-accent': safeColour(config.theme.accentColor) }}>
      <div class="db-live" aria-live="polite" role="status">
        {announcement}
      </div>
      {open && (
        <section class="db-panel" role="dialog" aria-modal="false" aria-label={t('panelTitle', { site: config.site.name })}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <header class="db-header">
            <h2 class="db-title">{config.site.name}</h2>
            {conversation && state.messages.length > 0 && (
              <button type="button" class="db-icon" aria-label={t('transcript')} title={t('transcript')} data-testid="transcript"
                onClick={() => void connection.transcript(conversation.id).then((file) => file && saveText(file.filename, file.text))}>
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 4v11m0 0l-4-4m4 4l4-4M5 19h14" stroke="currentColor" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round" /></svg>
              </button>
            )}
            {state.status === 'online' && (
              <button type="button" class="db-icon" aria-label={t('earlier')} title={t('earlier')} aria-pressed={history} data-testid="history-toggle"
                onClick={() => setHistory(!history)}>
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 7v5l3 2M3.5 12a8.5 8.5 0 1 0 2.5-6M3 4v4h4" stroke="currentColor" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round" /></svg>
              </button>
            )}
            <button type="button" class="db-close" aria-label={t('close')} onClick={() => setOpen(false)}>
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" /></svg>
            </button>
          </header>
          {state.status === 'offline' && <p class="db-banner" role="status">{t('offline')}</p>}
          {state.status === 'connecting' && <p class="db-banner db-banner-soft">{t('connecting')}</p>}
          {history ? <History t={t} lang={lang} connection={connection} load={load} currentId={conversation?.id ?? null} onBack={() => setHistory(false)}
            onNew={conversation ? () => void connection.startNew().then((done) => done && setHistory(false)) : null} /> :
          <MessageList state={state} greeting={promptGreeting ?? greeting} lang={lang} t={t} onRetry={(id) => connection.retry(id)} onDiscard={(id) => connection.discard(id)} bot={bot} topQuestions={topQuestions ?? []} onAsk={send}
            load={load} />}
          {conversation?.status === 'closed' && <p class="db-notice">{t('closedNotice')}</p>}
          {conversation?.status === 'open' && (conversation.queue ? <QueueStatus t={t} conversation={conversation} />
            : waitingForPerson(state) && <p class="db-waiting" role="status" data-testid="waiting">{t('waitingForPerson')}</p>)}
          {conversation?.routing === 'resolved' && <Rating t={t} conversation={conversation} onRate={(n, c) => connection.rate(conversation.id, n, c)} />}
          {state.status === 'online' && (closedNow || !state.agentsOnline) && conversation?.routing !== 'assigned' && (leaving
            ? <LeaveMessage t={t} onLeave={(email, body) => connection.leave(email, body)} onDone={() => setLeaving(false)} />
            : <p class="db-waiting" role="status" data-testid={closedNow ? 'closed-hours' : 'nobody-online'}>
              {closedNow ? closedText(config, lang, t) : t('nobodyOnline')} <button type="button" class="db-link" onClick={() => setLeaving(true)}>{t('leaveMessage')}</button>
            </p>)}
          {!leaving && !history && <Composer key={draft.n} initial={draft.text} t={t} maxLength={MAX_MESSAGE_LENGTH_CLIENT} onSend={send}
            onTyping={(on) => {
              live.current.typingAt = on ? Date.now() : 0;
              connection.setTyping(on);
              if (!on) prompts.changed();
            }} autoFocus={focusComposer.current}
            suggest={config.bot && !conversation?.handoff ? (typed, signal) => faq.matching(typed, signal) : undefined}
            extra={state.status === 'online' && <AttachButton t={t} upload={(f) => connection.upload(f, f.name)} onSent={(a) => send(a.name, [a])} />} />}
        </section>
      )}
      {prompt && !open && (
        <Prompt rule={prompt} lang={lang} t={t}
          onOpen={() => {
            takeUp(prompt);
            setOpen(true);
          }}
          onReply={(text) => {
            takeUp(prompt);
            setOpen(true);
            send(text);
          }}
          onFaq={() => prompts.outcome(prompt.id, 'clicked')}
          onDismiss={() => {
            prompts.outcome(prompt.id, 'dismissed');
            setPrompt(null);
            prompts.dismissed();
            launcherRef.current?.focus();
          }} />
      )}
      <button ref={launcherRef} type="button" hidden={!launcherShown && !open} class="db-launcher" aria-expanded={open}
        aria-label={open ? t('launcherClose') : unread > 0 ? `${t('launcherOpen')} (${t('unread', { n: unread })})` : t('launcherOpen')}
        onClick={() => setOpen(!open)}>
        {open ? (
          <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" /></svg>
        ) : (
          <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.6.5-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z" /></svg>
        )}
        {!open && unread > 0 && <span class="db-badge" data-testid="unread-badge" aria-hidden="true">{unread > 9 ? '9+' : unread}</span>}
      </button>
    </div>
  );
}

/** An open conversation a person has (or was asked to take): no prompt interrupts it. */
function talkingToPerson(state: ChatState): boolean {
  if (state.conversation?.status !== 'open' || state.conversation.routing === 'resolved') return false;
  return state.conversation.handoff !== null || state.messages.some((m) => m.author === 'agent');
}

/** "We are closed now. Back Mon 09:00." in the shopper's language and time zone. */
function closedText(config: WidgetConfig, lang: Lang, t: ReturnType<typeof translator>): string {
  const at = config.hours?.opensAt;
  if (!at) return t('closedNow');
  const time = new Intl.DateTimeFormat(lang, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(at);
  return t('closedUntil', { time });
}

/** Handed to a person, and no person has written since. */
function waitingForPerson(state: ChatState): boolean {
  const handoff = state.conversation?.handoff;
  if (!handoff || state.conversation?.routing === 'resolved') return false;
  return !state.messages.some((m) => m.author === 'agent' && m.createdAt >= handoff.at);
}

/** Only #rgb / #rrggbb reach CSS: a theme value can't inject other declarations. */
function safeColour(value: string): string {
  return /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(value) ? value : '#2563eb';
}
