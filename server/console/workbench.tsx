// The agent's workbench around an open conversation: claim / resolve / transfer, and the side
// panel — who the shopper is (verified or not), where they are, what the bot told them before
// the hand-off, their earlier conversations, and the team's private notes.
import { Fragment, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary, ErrorInfo, ShopperPanel } from '../protocol.js';
import { saveText } from '../../widget/save-text.js';
import type { Connection } from './connection.js';
import { fullTime, shortTime } from './format.js';
import { useI18n, type StringKey } from './i18n/index.js';
import { heldByColleague, type ConsoleState } from './state.js';
import { ReplyEmails } from './reply-emails.js';

const REASONS: Record<string, StringKey> = {
  asked: 'handoffAsked',
  no_match: 'handoffNoMatch',
  not_helpful: 'handoffNotHelpful',
  declined: 'handoffDeclined',
  message: 'reasonMessage',
  reopened: 'reasonReopened',
  agent_left: 'reasonAgentLeft',
  team: 'reasonTeam',
};

/** Why it waits, in words; a reason this console does not know yet is shown as sent. */
export function reasonLabel(reason: string, t: ReturnType<typeof useI18n>['t']): string {
  const key = REASONS[reason];
  return key ? t(key) : reason;
}

/** "3 min" since a time, for waiting times in the queue. */
export function waited(since: number, now: number, t: ReturnType<typeof useI18n>['t']): string {
  const minutes = Math.floor(Math.max(0, now - since) / 60_000);
  return minutes < 1 ? t('waitedUnderMinute') : t('waitedMinutes', { n: minutes });
}

/** The id of the reason Resolve and Close are disabled, for their aria-describedby. */
export const HELD_REASON_ID = 'actions-held';

interface Props {
  conversation: ConversationSummary;
  state: ConsoleState;
  connection: Connection;
}

export function ConversationActions({ conversation: c, state, connection }: Props): JSX.Element {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const open = c.status === 'open';
  const mine = c.assignedAgent?.id === state.agent.id && c.routing === 'assigned';
  // The server enforces roles (server/roles.ts); this only leaves out buttons that would fail.
  const manager = state.agent.role === 'manager';
  const others = open && c.routing === 'assigned' && !mine;
  // A colleague answering: Resolve (and Close, beside these) would be refused — disabled, with why.
  const held = heldByColleague(c, state.agent);
  const heldReason = held ? t('actionsHeld', { name: c.assignedAgent?.name ?? '' }) : undefined;
  const run = async (action: () => Promise<{ ok: true; conversation: ConversationSummary } | { ok: false; error: ErrorInfo }>): Promise<void> => {
    setBusy(true);
    const res = await action();
    setBusy(false);
    if (res.ok) connection.updated(res.conversation);
    else connection.actionFailed(res.error);
  };
  return (
    <div class="actions">
      {held && <span id={HELD_REASON_ID} class="visually-hidden" data-testid="actions-held">{heldReason}</span>}
      {/* Nobody can claim what someone holds (a manager takes over instead). */}
      {open && c.routing !== 'assigned' && (
        <button type="button" class="button primary" data-testid="claim" disabled={busy}
          onClick={() => void run(() => connection.command('conversation:claim', { conversationId: c.id }))}>
          {t('claim')}
        </button>
      )}
      {open && c.routing !== 'resolved' && (mine || c.routing === 'assigned') && (
        <button type="button" class="button secondary" data-testid="resolve" disabled={busy || held}
          aria-describedby={held ? HELD_REASON_ID : undefined} title={heldReason}
          onClick={() => void run(() => connection.command('conversation:resolve', { conversationId: c.id }))}>
          {t('resolve')}
        </button>
      )}
      {manager && others && (
        <button type="button" class="button secondary" data-testid="take-over" disabled={busy}
          onClick={() => void run(() => connection.command('conversation:transfer', { conversationId: c.id, agentId: state.agent.id }))}>
          {t('takeOver')}
        </button>
      )}
      {open && (manager ? c.routing === 'assigned' || c.routing === 'queued' : mine) && (
        <button type="button" class="button secondary" data-testid="transfer" aria-expanded={transferring} onClick={() => setTransferring(!transferring)}>
          {t('transfer')}
        </button>
      )}
      <button type="button" class="button secondary" data-testid="download-transcript"
        onClick={() => void connection.command('conversation:transcript', { conversationId: c.id, lang }).then((res) => {
          if (res.ok) saveText(res.filename, res.text);
          else connection.actionFailed(res.error);
        })}>
        {t('downloadTranscript')}
      </button>
      {transferring && (
        <TransferForm conversation={c} state={state} onDone={() => setTransferring(false)}
          onTransfer={(agentId, note) => run(() => connection.command('conversation:transfer', { conversationId: c.id, agentId, note }))}
          onTeam={(team, note) => run(() => connection.command('conversation:team', { conversationId: c.id, team, note }))} />
      )}
    </div>
  );
}

/** Team choices are sent as "team:NAME" (agent ids never contain a colon). */
const TEAM = 'team:';

function TransferForm({ conversation: c, state, onTransfer, onTeam, onDone }: {
  conversation: ConversationSummary; state: ConsoleState; onTransfer: (agentId: string, note: string) => Promise<void>;
  onTeam: (team: string, note: string) => Promise<void>; onDone: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const others = state.agents.filter((a) => a.id !== c.assignedAgent?.id && a.status !== 'offline');
  const teams = [...new Set(state.agents.map((a) => a.team).filter((x): x is string => x !== null))].sort();
  const [agentId, setAgentId] = useState(others[0]?.id ?? (teams[0] ? TEAM + teams[0] : ''));
  const [note, setNote] = useState('');
  return (
    <form class="transfer" data-testid="transfer-form" onSubmit={(e) => {
      e.preventDefault();
      if (agentId.startsWith(TEAM)) void onTeam(agentId.slice(TEAM.length), note).then(onDone);
      else if (agentId) void onTransfer(agentId, note).then(onDone);
    }}>
      {others.length === 0 && teams.length === 0 ? (
        <p class="muted">{t('nobodyToTransfer')}</p>
      ) : (
        <>
          <label>
            {t('transferTo')}
            <select value={agentId} onChange={(e) => setAgentId(e.currentTarget.value)}>
              {others.map((a) => (
                <option key={a.id} value={a.id}>{t('agentLoad', { name: a.name, open: a.openChats, max: a.maxChats, status: t(a.status === 'away' ? 'statusAway' : 'statusOnline') })}</option>
              ))}
              {teams.map((team) => <option key={TEAM + team} value={TEAM + team}>{t('transferTeam', { team })}</option>)}
            </select>
          </label>
          <label>
            {t('transferNote')}
            <textarea rows={2} maxLength={4000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button primary">{t('transferSubmit')}</button>
        </>
      )}
    </form>
  );
}

/** The side panel: the shopper, and the private notes. */
export function SidePanel({ conversation: c, state, connection }: Props): JSX.Element {
  const { t, lang } = useI18n();
  const [panel, setPanel] = useState<ShopperPanel | null>(null);
  const [note, setNote] = useState('');
  const notes = state.notes[c.id];

  useEffect(() => {
    let live = true;
    void connection.command('shopper:panel', { conversationId: c.id }).then((res) => {
      if (live && res.ok) setPanel(res.panel);
    });
    void connection.command('notes:list', { conversationId: c.id }).then((res) => {
      if (live && res.ok) connection.notesLoaded(c.id, res.notes);
    });
    return () => {
      live = false;
    };
  }, [c.id, c.identity.verified, c.lastSeq > 0]);

  const addNote = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!note.trim()) return;
    const res = await connection.command('note:add', { conversationId: c.id, body: note.trim() });
    if (res.ok) {
      connection.notesLoaded(c.id, [...(state.notes[c.id] ?? []).filter((n) => n.id !== res.note.id), res.note]);
      setNote('');
    } else connection.actionFailed(res.error);
  };

  const id = panel?.identity;
  return (
    <aside class="side" aria-label={t('shopperPanel')} data-testid="side-panel">
      <section>
        <h3>{t('shopperPanel')}</h3>
        {id && (id.name || id.email || id.externalId) ? (
          <dl class="facts">
            {id.name && <><dt>{t('name')}</dt><dd>{id.name}</dd></>}
            {id.email && <><dt>{t('email')}</dt><dd>{id.email}</dd></>}
            {id.externalId && <><dt>{t('customerId')}</dt><dd>{id.externalId}</dd></>}
            {Object.entries(id.attributes).map(([k, v]) => <Fragment key={k}><dt>{k}</dt><dd>{v}</dd></Fragment>)}
            <dt>{t('identity')}</dt>
            <dd>
              <span class={`tag ${id.verified ? 'tag-verified' : 'tag-unverified'}`} data-testid="identity-tag">{id.verified ? t('verified') : t('unverified')}</span>
            </dd>
          </dl>
        ) : (
          <p class="muted">{t('anonymousShopper')}</p>
        )}
        {panel && !panel.emailReplies && c.queue?.reason === 'message' && <p class="hint" data-testid="no-email">{t('repliesWaitForReturn')}</p>}
        <ReplyEmails conversationId={c.id} initial={panel?.replyEmails ?? null} connection={connection} />
      </section>
      {panel && panel.pages.length > 0 && (
        <section>
          <h3>{t('pagesThisVisit')}</h3>
          <ol class="plain" data-testid="visit-pages">
            {panel.pages.map((p, i) => (
              <li key={i}>
                <time dateTime={new Date(p.at).toISOString()}>{shortTime(p.at, lang)}</time> {p.title || p.url}
              </li>
            ))}
          </ol>
        </section>
      )}
      {panel && panel.botAnswers.length > 0 && (
        <section>
          <h3>{t('botBeforeHandoff')}</h3>
          <ul class="plain">
            {panel.botAnswers.map((a, i) => (
              <li key={i}>
                {a.question && <q>{a.question}</q>} → {a.answer.slice(0, 160)}
                {a.feedback && <span class="muted"> ({a.feedback === 'yes' ? t('feedbackYes') : t('feedbackNo')})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {panel && panel.earlier.length > 0 && (
        <section>
          <h3>{t('earlierConversations')}</h3>
          <ul class="plain">
            {panel.earlier.map((e) => (
              <li key={e.id}>
                <time dateTime={new Date(e.createdAt).toISOString()} title={fullTime(e.createdAt, lang)}>{shortTime(e.createdAt, lang)}</time>{' '}
                {e.lastMessage ?? t('noMessagesYet')}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3 id="notes-title">{t('notes')}</h3>
        <p class="hint">{t('notesHint')}</p>
        <ul class="plain notes" data-testid="notes" aria-labelledby="notes-title">
          {(notes ?? []).map((n) => (
            <li key={n.id}><strong>{n.agentName}</strong>: {n.body}</li>
          ))}
        </ul>
        <form class="note-form" onSubmit={(e) => void addNote(e)}>
          <label for="note-text" class="visually-hidden">{t('addNote')}</label>
          <textarea id="note-text" rows={2} maxLength={4000} value={note} data-testid="note-input" onInput={(e) => setNote(e.currentTarget.value)} placeholder={t('addNote')} />
          <button type="submit" class="button secondary" data-testid="add-note" disabled={!note.trim()}>{t('addNoteButton')}</button>
        </form>
      </section>
    </aside>
  );
}
