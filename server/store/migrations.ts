// The SQLite schema, as numbered migrations run in order at start. A migration, once
// released, is never edited: add the next number instead. `PRAGMA user_version` records
// the last one applied. Why the schema looks like this: docs/decisions/storage.md.
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'conversation core',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE sites (
        id         TEXT PRIMARY KEY,
        key        TEXT NOT NULL UNIQUE,
        name       TEXT NOT NULL,
        origins    TEXT NOT NULL DEFAULT '[]',
        theme      TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL
      );
      CREATE TABLE visitors (
        id           TEXT PRIMARY KEY,
        site_id      TEXT NOT NULL REFERENCES sites(id),
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        page_url     TEXT,
        page_title   TEXT,
        lang         TEXT
      );
      CREATE TABLE agents (
        id            TEXT PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name          TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        disabled      INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL
      );
      CREATE TABLE agent_sessions (
        id_hash    TEXT PRIMARY KEY,
        agent_id   TEXT NOT NULL REFERENCES agents(id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX agent_sessions_agent ON agent_sessions(agent_id);
      CREATE TABLE conversations (
        id               TEXT PRIMARY KEY,
        site_id          TEXT NOT NULL REFERENCES sites(id),
        visitor_id       TEXT NOT NULL REFERENCES visitors(id),
        status           TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        last_seq         INTEGER NOT NULL DEFAULT 0,
        agent_read_seq   INTEGER NOT NULL DEFAULT 0,
        visitor_read_seq INTEGER NOT NULL DEFAULT 0,
        created_at       INTEGER NOT NULL,
        last_activity_at INTEGER NOT NULL,
        closed_at        INTEGER
      );
      CREATE INDEX conversations_visitor ON conversations(visitor_id, created_at);
      CREATE INDEX conversations_activity ON conversations(status, last_activity_at);
      -- A visitor has at most one open conversation: their messages always have one home.
      CREATE UNIQUE INDEX conversations_one_open ON conversations(visitor_id) WHERE status = 'open';
      CREATE TABLE messages (
        id              TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        seq             INTEGER NOT NULL,
        -- 'v:<visitor id>' or 'a:<agent id>': scopes client_id, so one sender can't collide
        -- with (or probe) another's ids.
        sender          TEXT NOT NULL,
        client_id       TEXT,
        author          TEXT NOT NULL CHECK (author IN ('visitor', 'agent', 'bot', 'system')),
        agent_id        TEXT REFERENCES agents(id),
        body            TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        UNIQUE (conversation_id, seq),
        UNIQUE (sender, client_id)
      );
    `,
  },
  {
    version: 2,
    name: 'faq content and bot settings',
    sql: `
      -- A site's FAQ. The id is the shop owner's (as imported, or derived from the language
      -- and question when absent: server/faq/content.ts), so re-importing a file updates
      -- entries instead of duplicating them. List-valued fields are JSON arrays of strings.
      CREATE TABLE faq_entries (
        site_id    TEXT NOT NULL REFERENCES sites(id),
        id         TEXT NOT NULL,
        lang       TEXT NOT NULL CHECK (lang IN ('en', 'zh-TW', 'zh-CN', 'th')),
        question   TEXT NOT NULL,
        phrasings  TEXT NOT NULL DEFAULT '[]',
        keywords   TEXT NOT NULL DEFAULT '[]',
        answer     TEXT NOT NULL,
        tags       TEXT NOT NULL DEFAULT '[]',
        enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        position   INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, id)
      );
      CREATE INDEX faq_entries_order ON faq_entries(site_id, position);
      -- Per-site bot settings as a JSON object holding only what the site changed
      -- (e.g. {"thresholds":{"answer":0.7}}): defaults stay in code, so a site that never
      -- touched a threshold follows improved defaults.
      CREATE TABLE bot_settings (
        site_id    TEXT PRIMARY KEY REFERENCES sites(id),
        settings   TEXT NOT NULL DEFAULT '{}',
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'bot replies and hand-off',
    sql: `
      -- The bot's offer on its messages (answer feedback, suggestions, hand-off), as JSON.
      ALTER TABLE messages ADD COLUMN meta TEXT;
      -- When (and why) the conversation was handed to a person: from then on the bot is quiet.
      ALTER TABLE conversations ADD COLUMN handoff_at INTEGER;
      ALTER TABLE conversations ADD COLUMN handoff_reason TEXT
        CHECK (handoff_reason IN ('asked', 'no_match', 'not_helpful', 'declined'));
      -- The first agent message: a person has the conversation (and, later, first response time).
      ALTER TABLE conversations ADD COLUMN first_agent_reply_at INTEGER;
      UPDATE conversations SET first_agent_reply_at =
        (SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = conversations.id AND m.author = 'agent');
    `,
  },
  {
    version: 4,
    name: 'proactive prompts and page views',
    sql: `
      -- A site's trigger rules, as checked JSON (server/triggers/validate.ts): the widget reads
      -- them whole, so columns per condition would only be split and joined again.
      -- position is the priority: the first rule whose conditions hold is shown.
      CREATE TABLE triggers (
        site_id    TEXT NOT NULL REFERENCES sites(id),
        id         TEXT NOT NULL,
        rule       TEXT NOT NULL,
        enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        position   INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, id)
      );
      -- What shoppers did with a prompt. trigger_id is not a foreign key: counts outlive an
      -- edit or an import that replaces the rules.
      CREATE TABLE trigger_events (
        site_id    TEXT NOT NULL REFERENCES sites(id),
        trigger_id TEXT NOT NULL,
        outcome    TEXT NOT NULL CHECK (outcome IN ('shown', 'dismissed', 'clicked', 'replied')),
        anon_id    TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX trigger_events_site ON trigger_events(site_id, trigger_id);
      -- One row per page view, keyed by the widget's anonymous id (a browser), so a page view
      -- costs one insert and no visitor row; linked to the visitor once they chat.
      CREATE TABLE page_views (
        site_id    TEXT NOT NULL REFERENCES sites(id),
        anon_id    TEXT NOT NULL,
        visit      INTEGER NOT NULL,
        url        TEXT NOT NULL,
        title      TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX page_views_anon ON page_views(site_id, anon_id, visit, created_at);
      CREATE TABLE anon_visitors (
        site_id    TEXT NOT NULL REFERENCES sites(id),
        anon_id    TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        linked_at  INTEGER NOT NULL,
        PRIMARY KEY (site_id, anon_id)
      );
      CREATE INDEX anon_visitors_visitor ON anon_visitors(visitor_id, linked_at);
      -- The prompt a conversation started from ("led to a conversation", "led to a hand-off").
      ALTER TABLE conversations ADD COLUMN trigger_id TEXT;
    `,
  },
  {
    version: 5,
    name: 'queue, routing and the workbench',
    sql: `
      -- Where a conversation is in its life with people (docs/decisions/queue.md): NULL while
      -- the bot has it, then 'queued' | 'assigned' | 'resolved'. No CHECK on the reasons:
      -- they are an open set (the trigger work adds its own).
      ALTER TABLE conversations ADD COLUMN routing TEXT
        CHECK (routing IN ('queued', 'assigned', 'resolved'));
      ALTER TABLE conversations ADD COLUMN queue_reason TEXT;
      -- When it last entered the queue (kept after assignment: the real wait is assigned_at - queued_at).
      ALTER TABLE conversations ADD COLUMN queued_at INTEGER;
      -- Order within the queue: the entry time, or below every other key to go back to the head.
      ALTER TABLE conversations ADD COLUMN queue_key INTEGER;
      ALTER TABLE conversations ADD COLUMN assigned_agent_id TEXT REFERENCES agents(id);
      ALTER TABLE conversations ADD COLUMN assigned_at INTEGER;
      ALTER TABLE conversations ADD COLUMN resolved_at INTEGER;
      ALTER TABLE conversations ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
      ALTER TABLE conversations ADD COLUMN rating_comment TEXT;
      CREATE INDEX conversations_queue ON conversations(site_id, queue_key) WHERE routing = 'queued';
      CREATE INDEX conversations_assigned ON conversations(assigned_agent_id) WHERE routing = 'assigned';
      CREATE INDEX conversations_waits ON conversations(site_id, assigned_at) WHERE assigned_at IS NOT NULL;
      -- Conversations handed over before the queue existed wait in it (oldest first).
      UPDATE conversations SET routing = 'queued', queue_reason = handoff_reason, queued_at = handoff_at, queue_key = handoff_at
        WHERE status = 'open' AND handoff_at IS NOT NULL AND first_agent_reply_at IS NULL;

      ALTER TABLE agents ADD COLUMN max_chats INTEGER NOT NULL DEFAULT 3 CHECK (max_chats BETWEEN 1 AND 50);
      -- The agent's own choice, kept across restarts; 'offline' is never stored: it means no console tab.
      ALTER TABLE agents ADD COLUMN away INTEGER NOT NULL DEFAULT 0 CHECK (away IN (0, 1));
      -- The languages an agent answers in, as a JSON array; [] answers every language.
      ALTER TABLE agents ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';

      -- 'auto' assigns from the queue; 'manual' leaves agents to pick. The identity secret
      -- signs Deskbell.identify() hashes (HMAC-SHA256) and tokens (JWT HS256).
      ALTER TABLE sites ADD COLUMN routing TEXT NOT NULL DEFAULT 'auto' CHECK (routing IN ('auto', 'manual'));
      ALTER TABLE sites ADD COLUMN identity_secret TEXT;
      -- Business hours as JSON {timeZone, week} (server/routing/hours.ts); NULL: always open.
      ALTER TABLE sites ADD COLUMN hours TEXT;

      -- What a shopper told us about themselves: a left message's email, or an identify().
      ALTER TABLE visitors ADD COLUMN email TEXT;
      ALTER TABLE visitors ADD COLUMN name TEXT;
      ALTER TABLE visitors ADD COLUMN external_id TEXT;
      ALTER TABLE visitors ADD COLUMN verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1));
      ALTER TABLE visitors ADD COLUMN attributes TEXT;
      CREATE INDEX visitors_identity ON visitors(site_id, external_id) WHERE verified = 1;

      -- Private notes: agents only, never sent to the shopper.
      CREATE TABLE notes (
        id              TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        agent_id        TEXT NOT NULL REFERENCES agents(id),
        body            TEXT NOT NULL,
        created_at      INTEGER NOT NULL
      );
      CREATE INDEX notes_conversation ON notes(conversation_id, created_at);

      -- Canned replies, typed as /shortcut in the console; one row per language variant.
      CREATE TABLE canned_replies (
        id         TEXT PRIMARY KEY,
        shortcut   TEXT NOT NULL,
        lang       TEXT NOT NULL DEFAULT '',  -- '' is the variant for every language
        body       TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (shortcut, lang)
      );
    `,
  },
  {
    version: 6,
    name: 'conversation events and report facts',
    sql: `
      -- Every step of a conversation's life, once, with its time (server/reports/events.ts
      -- lists the types and their data). Append-only: never updated, never deleted.
      CREATE TABLE conversation_events (
        id              INTEGER PRIMARY KEY,
        site_id         TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        type            TEXT NOT NULL,
        at              INTEGER NOT NULL,
        agent_id        TEXT,
        data            TEXT,
        -- The FAQ entry of bot_answered / bot_helpful / bot_not_helpful, for the index below.
        faq_id          TEXT GENERATED ALWAYS AS (json_extract(data, '$.faqId')) VIRTUAL
      );
      -- The shop's time zone (an IANA name) for its reports' days and hours; NULL: UTC.
      ALTER TABLE sites ADD COLUMN time_zone TEXT;
      CREATE INDEX conversation_events_site_time ON conversation_events(site_id, at);
      -- Covers the per-type counts (FAQ answers and feedback) without reading the JSON.
      CREATE INDEX conversation_events_site_type ON conversation_events(site_id, type, at, faq_id);
      CREATE INDEX conversation_events_conversation ON conversation_events(conversation_id, id);
      -- One row per conversation, kept up to date in the same transaction as each event: what
      -- the reports read, so a year of history is one index range, not millions of events.
      -- Derived only from conversation_events (docs/decisions/reports.md).
      -- Clustered by site and start time: a report's range is one contiguous run of pages.
      CREATE TABLE conversation_facts (
        conversation_id      TEXT NOT NULL,
        site_id              TEXT NOT NULL,
        started_at           INTEGER NOT NULL,
        started_by           TEXT,
        bot_answers          INTEGER NOT NULL DEFAULT 0,
        handoff_at           INTEGER,
        handoff_reason       TEXT,
        queued_at            INTEGER,
        assigned_at          INTEGER,
        abandoned_at         INTEGER,
        first_agent_reply_at INTEGER,
        first_reply_agent_id TEXT,
        agent_id             TEXT,
        transfers            INTEGER NOT NULL DEFAULT 0,
        resolved_at          INTEGER,
        reopens              INTEGER NOT NULL DEFAULT 0,
        rating               INTEGER,
        PRIMARY KEY (site_id, started_at, conversation_id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX conversation_facts_conversation ON conversation_facts(conversation_id);
      -- A cache of whole UTC days (epoch ms / 86,400,000): what a day's conversations add to a
      -- report (by start) and its FAQ counts (by event time), as JSON computed by
      -- server/reports. Any event touching a day deletes its row; a report recomputes it.
      CREATE TABLE report_days (
        site_id TEXT NOT NULL,
        day     INTEGER NOT NULL,
        part    TEXT NOT NULL,
        PRIMARY KEY (site_id, day)
      ) WITHOUT ROWID;
      -- Conversations from before events were recorded get the events their rows and
      -- messages tell (inserted only: nothing existing is changed). A Yes / No has no time of
      -- its own, so it takes its answer's.
      INSERT INTO conversation_events (site_id, conversation_id, type, at, agent_id, data)
      SELECT site_id, conversation_id, type, at, agent_id, data FROM (
        SELECT c.site_id, c.id AS conversation_id, 'started' AS type, c.created_at AS at, NULL AS agent_id,
               '{"by":"shopper"}' AS data, 0 AS step
        FROM conversations c
        UNION ALL
        SELECT c.site_id, c.id, CASE WHEN k.n = 0 THEN 'bot_answered'
                                     WHEN json_extract(m.meta, '$.feedback') = 'yes' THEN 'bot_helpful' ELSE 'bot_not_helpful' END,
               m.created_at, NULL, json_object('faqId', json_extract(m.meta, '$.faqId')), 1 + k.n
        FROM messages m JOIN conversations c ON c.id = m.conversation_id
        JOIN (SELECT 0 AS n UNION ALL SELECT 1) k
          ON k.n = 0 OR json_extract(m.meta, '$.feedback') IN ('yes', 'no')
        WHERE m.author = 'bot' AND json_extract(m.meta, '$.kind') = 'answer'
        UNION ALL
        SELECT site_id, id, 'handed_off', handoff_at, NULL, json_object('reason', handoff_reason), 3
        FROM conversations WHERE handoff_at IS NOT NULL
        UNION ALL
        SELECT c.site_id, c.id, 'first_agent_reply', c.first_agent_reply_at,
               (SELECT m.agent_id FROM messages m WHERE m.conversation_id = c.id AND m.author = 'agent' ORDER BY m.seq LIMIT 1), NULL, 4
        FROM conversations c WHERE c.first_agent_reply_at IS NOT NULL
        UNION ALL
        SELECT site_id, id, 'resolved', closed_at, NULL, NULL, 5 FROM conversations WHERE status = 'closed' AND closed_at IS NOT NULL
      )
      ORDER BY at, step;
      -- Their facts, as the recorder would have kept them for those events.
      INSERT INTO conversation_facts (conversation_id, site_id, started_at, started_by, bot_answers, handoff_at, handoff_reason,
                                      first_agent_reply_at, first_reply_agent_id, agent_id, resolved_at)
      SELECT c.id, c.site_id, c.created_at, 'shopper',
             (SELECT count(*) FROM conversation_events e WHERE e.conversation_id = c.id AND e.type = 'bot_answered'),
             c.handoff_at, c.handoff_reason, c.first_agent_reply_at, f.agent_id, f.agent_id,
             CASE WHEN c.status = 'closed' THEN c.closed_at END
      FROM conversations c
      LEFT JOIN conversation_events f ON f.conversation_id = c.id AND f.type = 'first_agent_reply';
    `,
  },
  {
    version: 7,
    name: 'identity secret rotation',
    sql: `
      -- The secret before the last rotation, still accepted until the given time, so pages
      -- rendered (and hashes cached) before the shop deployed the new secret keep working.
      ALTER TABLE sites ADD COLUMN identity_secret_previous TEXT;
      ALTER TABLE sites ADD COLUMN identity_secret_previous_until INTEGER;
    `,
  },
  {
    version: 8,
    name: 'reports: conversations started by a trigger, prompts by time',
    sql: `
      -- A trigger's conversation was recorded as started by the shopper (the widget links the
      -- trigger after the first message). Each one gets the trigger_linked event the store now
      -- records at that link (inserted only; at its start, the link's time being unknown), its
      -- facts row says so, and cached report days are recomputed (always safe).
      INSERT INTO conversation_events (site_id, conversation_id, type, at, agent_id, data)
      SELECT c.site_id, c.id, 'trigger_linked', c.created_at, NULL, json_object('triggerId', c.trigger_id)
      FROM conversations c JOIN conversation_facts f ON f.conversation_id = c.id
      WHERE c.trigger_id IS NOT NULL AND f.started_by IS NOT 'trigger'
      ORDER BY c.created_at;
      UPDATE conversation_facts SET started_by = 'trigger'
      WHERE conversation_id IN (SELECT id FROM conversations WHERE trigger_id IS NOT NULL);
      DELETE FROM report_days;
      -- The dashboard's trigger funnel counts prompts shown and clicked in a range of days.
      CREATE INDEX trigger_events_time ON trigger_events(site_id, created_at);
    `,
  },
  {
    version: 9,
    name: 'attachments, agent roles and teams',
    sql: `
      -- Files sent in conversations. The bytes live beside the database, named by their
      -- SHA-256 (server/attachments/files.ts); a row is written only once the file is whole.
      -- uploader: 'v:<visitor id>' or 'a:<agent id>', who may send it in a message.
      CREATE TABLE attachments (
        id         TEXT PRIMARY KEY,
        site_id    TEXT,
        uploader   TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        type       TEXT NOT NULL,
        size       INTEGER NOT NULL,
        name       TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      -- Which conversation shows which file: a shopper may fetch a file only through this.
      CREATE TABLE message_attachments (
        attachment_id   TEXT NOT NULL REFERENCES attachments(id),
        message_id      TEXT NOT NULL REFERENCES messages(id),
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        PRIMARY KEY (attachment_id, message_id)
      ) WITHOUT ROWID;
      -- The files of a message as it is shown (JSON [{id, name, type, size}]); NULL: none.
      ALTER TABLE messages ADD COLUMN attachments TEXT;
      ALTER TABLE canned_replies ADD COLUMN attachment_id TEXT REFERENCES attachments(id);
      -- Per site; NULL: the default (server/attachments/limits.ts).
      ALTER TABLE sites ADD COLUMN attachment_max_bytes INTEGER;
      -- Managers see and change everything; agents only their own conversations
      -- (docs/decisions/roles.md). Existing agents become managers: nothing they could do
      -- before is taken away by an upgrade.
      ALTER TABLE agents ADD COLUMN role TEXT NOT NULL DEFAULT 'manager' CHECK (role IN ('agent', 'manager'));
      -- Optional teams: an agent is in at most one; a conversation sent to a team is routed
      -- to its members (docs/decisions/queue.md). NULL: no team.
      ALTER TABLE agents ADD COLUMN team TEXT;
      ALTER TABLE conversations ADD COLUMN team TEXT;
    `,
  },
  {
    version: 10,
    name: 'reports: cached days per agent',
    sql: `
      -- Each agent's share of a cached report day (report_days): what the conversations the
      -- agent has, started that day, add to a report, so one agent's report sums cached days
      -- too (docs/decisions/reports.md). Written with the site's day in one transaction; on a
      -- cached day, an agent without a row had none of its conversations. Clustered by day:
      -- every event forgets a day's rows; an agent's range is read through the index.
      CREATE TABLE report_agent_days (
        site_id  TEXT NOT NULL,
        day      INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        part     TEXT NOT NULL,
        PRIMARY KEY (site_id, day, agent_id)
      ) WITHOUT ROWID;
      CREATE INDEX report_agent_days_agent ON report_agent_days(site_id, agent_id, day);
      -- Forgotten with the site's day, whatever forgets it (an event, a bulk delete).
      CREATE TRIGGER report_days_forget_agents AFTER DELETE ON report_days BEGIN
        DELETE FROM report_agent_days WHERE site_id = old.site_id AND day = old.day;
      END;
      -- Days cached before have no agents' rows (and an older part format): recomputed.
      DELETE FROM report_days;
    `,
  },
  {
    version: 11,
    name: 'reply emails outbox, unsent uploads sweep',
    sql: `
      -- Agents' replies to a left message, to go by email (server/routing/email-outbox.ts).
      -- Written before the agent's acknowledgement, sent by a background sender with retries,
      -- marked sent only once the SMTP server accepted the mail. Keyed by the message: one
      -- email per reply, however often the agent's console resends it.
      -- status: pending (to send, at next_attempt_at), sent, failed (given up), skipped (the
      -- shopper read the reply in the chat before the email could go).
      CREATE TABLE reply_emails (
        message_id      TEXT PRIMARY KEY REFERENCES messages(id),
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        recipient       TEXT NOT NULL,
        subject         TEXT NOT NULL,
        body            TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        created_at      INTEGER NOT NULL,
        done_at         INTEGER
      );
      CREATE INDEX reply_emails_due ON reply_emails(next_attempt_at) WHERE status = 'pending';
      CREATE INDEX reply_emails_conversation ON reply_emails(conversation_id);
      -- The sweep of uploads never sent (server/attachments/sweeper.ts) looks for old rows,
      -- and for other rows sharing a file before removing it.
      CREATE INDEX attachments_created ON attachments(created_at);
      CREATE INDEX attachments_sha256 ON attachments(sha256);
      CREATE INDEX canned_replies_attachment ON canned_replies(attachment_id) WHERE attachment_id IS NOT NULL;
    `,
  },
  {
    version: 12,
    name: 'dismissed questions of the FAQ manager',
    sql: `
      -- Questions an owner dismissed from the unanswered list or the shoppers' own words
      -- (server/store/faq-dismissals-sqlite.ts): askings up to dismissed_at are hidden there,
      -- later ones show again. faq_id is '' for the unanswered list. agent_id is who did it
      -- (no foreign key: an agent removed later leaves the dismissal standing).
      CREATE TABLE faq_dismissals (
        site_id      TEXT NOT NULL REFERENCES sites(id),
        list         TEXT NOT NULL CHECK (list IN ('unanswered', 'learned')),
        question_key TEXT NOT NULL,
        faq_id       TEXT NOT NULL DEFAULT '',
        dismissed_at INTEGER NOT NULL,
        agent_id     TEXT,
        PRIMARY KEY (site_id, list, question_key, faq_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 13,
    name: 'translations of FAQ entries',
    sql: `
      -- Entries of a site sharing a topic are translations of each other, at most one per
      -- language (checked by the store after every write, not by a unique index: an import
      -- that moves a topic from one entry to another would trip it halfway through).
      -- NULL: an entry with no translations. See docs/decisions/faq-translations.md.
      ALTER TABLE faq_entries ADD COLUMN topic TEXT;
      CREATE INDEX faq_entries_topic ON faq_entries(site_id, topic, lang) WHERE topic IS NOT NULL;
    `,
  },
  {
    version: 14,
    name: 'reports by language: the language of each conversation',
    sql: `
      -- The language a conversation was in (en, zh-TW, zh-CN, th; NULL: unknown): the
      -- visitor's when it started, then the one the shopper's messages in it switched to.
      -- Kept on the conversation, not read from the visitor: a visitor's language can change
      -- later, and a report counts the language each conversation was in (docs/reports.md).
      ALTER TABLE conversations ADD COLUMN lang TEXT CHECK (lang IN ('en', 'zh-TW', 'zh-CN', 'th'));
      -- Existing conversations take their visitor's language now: the best available, since
      -- which language each was in at the time was never recorded.
      UPDATE conversations SET lang = (SELECT v.lang FROM visitors v
        WHERE v.id = conversations.visitor_id AND v.lang IN ('en', 'zh-TW', 'zh-CN', 'th'));
      -- The reports read it from the facts; facts stay derived from events only, so each
      -- backfilled language is a lang_changed event at the conversation's start (inserted
      -- only), and cached report days are recomputed (always safe).
      ALTER TABLE conversation_facts ADD COLUMN lang TEXT;
      INSERT INTO conversation_events (site_id, conversation_id, type, at, agent_id, data)
      SELECT c.site_id, c.id, 'lang_changed', c.created_at, NULL, json_object('lang', c.lang)
      FROM conversations c JOIN conversation_facts f ON f.conversation_id = c.id
      WHERE c.lang IS NOT NULL
      ORDER BY c.created_at;
      UPDATE conversation_facts SET lang = (SELECT c.lang FROM conversations c WHERE c.id = conversation_facts.conversation_id);
      DELETE FROM report_days;
    `,
  },
];
