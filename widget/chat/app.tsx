// The chat panel: header, messages, composer, and the queue / leave-a-message / rating
// parts. The launcher and prompt bubbles belong to the loader (widget/loader/); the panel
// keeps the launcher in step through the context's handle.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentInfo, Lang, WidgetConfig } from '../../server/protocol.js';
import { MAX_MESSAGE_LENGTH_CLIENT } from '../limits.js';
import { translator, type Translate } from '../i18n/translate.js';
import type { ChatConnection, ChatState } from '../transport.js';
import type { FaqClient, FaqQuestion } from '../faq-client.js';
import { saveText } from '../save-text.js';
import { textIn } from '../triggers/text.js';
import { AttachButton } from './attachments.js';
import { Composer } from './composer.js';
import type { ChatContext, OpenRequest } from './contract.js';
import { History } from './history.js';
import { LeaveMessage, QueueStatus, Rating } from './human.js';
import { MessageList } from './message-list.js';

// The launcher's look while the panel is open (it closes it then): here, not in the loader,
// which never shows it without the chat.
const LAUNCHER_CLOSE_ICON = '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path stroke="currentColor" stroke-width="2.4" stroke-linecap="round" d="M6 6l12 12M18 6L6 18"/></svg>';

export interface AppProps {
  ctx: ChatContext;
  connection: ChatConnection;
  faq: FaqClient;
  /** The loader and the page API drive the chat through this. */
  control: ChatControl;
}

export interface ChatControl {
  open?: (request: OpenRequest) => void;
  setOpen?: (open: boolean) => void;
  toggle?: () => void;
  /** No prompt now: the panel is open, the shopper is typing, or talking to a person. */
  blocked?: () => boolean;
}

const TYPING_BLOCKS_MS = 5_000;

export function App({ ctx, connection, faq, control }: AppProps) {
  const { config, prompts, launcher } = ctx;
  const [topQuestions, setTopQuestions] = useState<FaqQuestion[] | null>(null);
  const [state, setState] = useState<ChatState>(connection.state);
  /** The language the chat speaks and its words: the config's, until the shopper writes in another. */
  const [speech, setSpeech] = useState({ lang: config.lang, strings: ctx.strings });
  const { lang } = speech;
  const t = translator(speech.strings);
  useEffect(() => {
    const next = state.lang;
    if (next === lang) return;
    faq.lang = next;
    // The top questions in the new language, if they were shown (fetched on first open).
    if (topQuestions !== null) void faq.top().then(setTopQuestions);
    ctx.words(next).then((strings) => {
      setSpeech({ lang: next, strings });
      // The launcher and the loader's live region speak it too (the root's lang).
      launcher.mount.parentElement?.setAttribute('lang', next);
      const words = translator(strings);
      launcher.set({ words: { open: words('launcherOpen'), unread: words('launcherUnread') }, open: live.current.open && { icon: LAUNCHER_CLOSE_ICON, label: words('launcherClose') } });
    }, () => undefined);
  }, [state.lang]);
  const [open, setOpenState] = useState(false);
  const lastAnnounced = useRef(0);
  const [announcement, setAnnouncement] = useState('');
  /** The prompt's message, shown as the panel's greeting once the shopper took it up. */
  const [promptGreeting, setPromptGreeting] = useState<string | null>(null);
  const [draft, setDraft] = useState({ n: 0, text: '' });
  const live = useRef({ open, state, typingAt: 0 });
  live.current.open = open;
  live.current.state = state;
  /** The prompt the shopper took up: their first message then counts as its reply. */
  const engaged = useRef<{ id: string; replied: boolean; linked: boolean } | null>(null);
  const linked = useRef(false);
  const [leaving, setLeaving] = useState(false);
  const [history, setHistory] = useState(false);
  /** "Back to the chat" takes the history view and its button away: focus returns to the button that opened it. */
  const historyButton = useRef<HTMLButtonElement>(null);
  const backFromHistory = useRef(false);
  useEffect(() => {
    if (!history && backFromHistory.current) historyButton.current?.focus();
    backFromHistory.current = false;
  }, [history]);
  const load = (id: string): Promise<Blob | null> => connection.file(id);

  const wasOpen = useRef(false);
  /** The composer takes focus when the shopper opens the chat, not when a prompt does. */
  const focusComposer = useRef(true);
  const setOpen = (next: boolean): void => {
    focusComposer.current = true;
    setOpenState(next);
    launcher.set({ open: next && { icon: LAUNCHER_CLOSE_ICON, label: t('launcherClose') } });
    ctx.onOpenChange(next);
    if (next) connection.connect();
    // Fetched once, on first open: a page view that never opens the chat costs nothing.
    if (next && topQuestions === null) {
      setTopQuestions([]);
      void faq.top().then(setTopQuestions);
    }
  };
  // Focus goes back to the launcher after closing (once it is shown again, on phones).
  useEffect(() => {
    if (wasOpen.current && !open) launcher.focus();
    wasOpen.current = open;
  }, [open]);
  control.setOpen = setOpen;
  control.toggle = () => setOpen(!live.current.open);
  control.open = (request) => {
    const rule = request.prompt;
    if (rule) {
      engaged.current = { id: rule.id, replied: false, linked: false };
      setPromptGreeting(textIn(rule.action.text, lang));
    }
    if (request.message !== undefined) setDraft((d) => ({ n: d.n + 1, text: request.message ?? '' }));
    setOpen(true);
    // A prompt that opened the chat by itself leaves the shopper's focus where it was.
    if (request.byPrompt) focusComposer.current = false;
    if (request.send) send(request.send);
  };
  control.blocked = () => live.current.open || Date.now() - live.current.typingAt < TYPING_BLOCKS_MS || talkingToPerson(live.current.state);
  const send = (body: string, files?: AttachmentInfo[]): void => {
    ctx.storage.consent();
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
  useEffect(() => prompts.engine?.check(), [open, talkingToPerson(state)]);

  useEffect(() => {
    connection.onChange(setState);
    // The panel's first open connects before this effect runs: what changed meanwhile
    // ("connecting") was told to nobody, and was never shown.
    setState(connection.state);
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
        ctx.emit('message', { author: newest.author, body: newest.body });
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
  // Once the conversation is known (the loader's count stands until then).
  useEffect(() => {
    if (conversation) launcher.set({ unread });
  }, [unread, conversation === null]);
  const greeting = config.theme.greeting[lang] ?? t('greeting');
  // Outside business hours (until the next opening passes on this page).
  const hours = config.hours;
  const closedNow = !!hours && !hours.open && (hours.opensAt === null || Date.now() < hours.opensAt);

  return (
    <>
      <div class="db-live" lang={lang} aria-live="polite" role="status">
        {announcement}
      </div>
      {open && (
        <section class="db-panel" lang={lang} role="dialog" aria-modal="false" aria-label={t('panelTitle', { site: config.site.name })}
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
              <button type="button" class="db-icon" aria-label={t('earlier')} title={t('earlier')} aria-pressed={history} data-testid="history-toggle" ref={historyButton}
                onClick={() => setHistory(!history)}>
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 7v5l3 2M3.5 12a8.5 8.5 0 1 0 2.5-6M3 4v4h4" stroke="currentColor" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round" /></svg>
              </button>
            )}
            <button type="button" class="db-close" aria-label={t('close')} onClick={() => setOpen(false)}>
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" /></svg>
            </button>
          </header>
          {/* One status region, always there while the panel is open: screen readers announce
              words that change in a region more reliably than a region added with its words. */}
          <div role="status">
            {state.status === 'offline' && <p class="db-banner">{t('offline')}</p>}
            {state.status === 'connecting' && <p class="db-banner db-banner-soft">{t('connecting')}</p>}
          </div>
          {history ? <History t={t} lang={lang} connection={connection} load={load} currentId={conversation?.id ?? null} onBack={() => {
            backFromHistory.current = true;
            setHistory(false);
          }}
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
              if (!on) prompts.engine?.check();
            }} autoFocus={focusComposer.current}
            suggest={config.bot && !conversation?.handoff ? (typed, signal) => faq.matching(typed, signal) : undefined}
            extra={state.status === 'online' && <AttachButton t={t} upload={(f) => connection.upload(f, f.name)} onSent={(a) => send(a.name, [a])} />} />}
        </section>
      )}
    </>
  );
}

/** An open conversation a person has (or was asked to take): no prompt interrupts it. */
function talkingToPerson(state: ChatState): boolean {
  if (state.conversation?.status !== 'open' || state.conversation.routing === 'resolved') return false;
  return state.conversation.handoff !== null || state.messages.some((m) => m.author === 'agent');
}

/** "We are closed now. Back Mon 09:00." in the shopper's language and time zone. */
function closedText(config: WidgetConfig, lang: Lang, t: Translate): string {
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
