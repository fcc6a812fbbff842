#!/usr/bin/env node
// The `deskbell` command line. It only parses flags, then builds and runs: every behaviour
// lives in the app and its services, where tests reach it too.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { DEFAULT_ATTACHMENT_MAX_BYTES, MAX_ATTACHMENT_MAX_BYTES } from './attachments/service.js';
import { formatMb } from './attachments/files.js';
import { AgentService } from './agents.js';
import { BACKUP_HELP, RESTORE_HELP, backupCommand, formatSummary, restoreCommand } from './cli/backup.js';
import { DURATION_HINT, formatDuration, parseDuration } from './backup/duration.js';
import { DEFAULT_BACKUP_EVERY_MS, DEFAULT_BACKUP_KEEP, type BackupScheduleOptions } from './backup/schedule.js';
import { REPORT_HELP, reportCommand } from './cli/report.js';
import { siteThemeCommand, THEME_USAGE } from './cli/site-theme.js';
import { UsageError } from './cli/usage-error.js';
import { checkTimeZone } from './reports/time.js';
import { buildApp, DEFAULT_DEMO_DIR, VERSION } from './app.js';
import { DEMO_SITE_KEY, ensureDemo } from './demo.js';
import { EventBus } from './events.js';
import { isDeskbellError } from './errors.js';
import { decodeFaqFile, faqFormatFromPath, formatFaq, formatRowError, parseFaq, topicClashes, type FaqFormat } from './faq/content.js';
import { suggestTranslationLinks } from './faq/link-suggestions.js';
import { FaqRegistry } from './faq/registry.js';
import type { SmtpOptions } from './routing/email-replies.js';
import { formatHours, parseHours } from './routing/hours.js';
import { IdentifyService } from './routing/identify.js';
import type { MatchResult } from './faq/types.js';
import { systemClock } from './ids.js';
import type { IpLimitOptions } from './ip-limits.js';
import { LANGS, type AgentRole } from './protocol.js';
import { scriptTag } from './script-tag.js';
import { createSite, normaliseOrigin, parseLang } from './sites.js';
import { openSqliteStore } from './store/sqlite.js';
import { exportTriggers, importTriggers } from './triggers/cli.js';
import type { Store } from './store/types.js';

const DEFAULT_DB = './data/deskbell.sqlite';

const HELP: Record<string, string> = {
  main: `deskbell ${VERSION} — self-hosted customer-service chat for online shops

Usage: deskbell <command> [options]

Commands:
  start                 run the server
  site add|list|origin|theme|routing|hours|tz|secret|consent|attachments
                        manage sites (shops): print their script tag, allowed domains, the
                        widget's look, routing, business hours, identity secret, uploads
  agent add|list|role|team|password|disable|enable|capacity|languages
                        manage console agents: roles, teams, passwords, how many chats and
                        which languages each one gets
  faq import|export|ask|thresholds|convert|link
                        a site's FAQ: import and export it, test the bot's answers
  triggers import|export
                        a site's proactive prompts (trigger rules) as JSON
  report                a site's figures for a date range, as JSON or CSV
  backup --out FILE     copy the database and its attachments, while the server runs
  restore FILE          put a backup back (server stopped)

Every command takes --db PATH (env DESKBELL_DB, default ${DEFAULT_DB}) and --help.`,
  start: `Usage: deskbell start [--port N] [--host H] [--db PATH] [--demo] [--public-url URL] [--ip-rate N] [--max-db-mb N] [--smtp URL]
                      [--backup-dir DIR [--backup-every DURATION] [--backup-keep N]]

  --port N          port to listen on (env PORT, default 3000)
  --host H          address to bind (env HOST, default 127.0.0.1; 0.0.0.0 for all)
  --db PATH         SQLite file (env DESKBELL_DB, default ${DEFAULT_DB})
  --demo            serve the demo store at /demo/ with a demo site and agent
  --public-url URL  the URL shoppers reach this server at (env DESKBELL_PUBLIC_URL),
                    used in printed script tags
  --log-level L     fatal|error|warn|info|debug (env LOG_LEVEL, default info)
  --max-db-mb N     refuse new writes (clearly, "not stored") once the database file
                    would pass N MB, before the disk fills
  --ip-rate N       widget requests and new chat connections per second from one
                    address, bursts of 10×N allowed (default 20; 0 turns it off)
  --grace SECONDS   how long an agent may be disconnected before their conversations
                    go back to the head of the queue (default 60)
  --smtp URL        send agents' replies to left messages to the shopper's email while they
                    are away (env DESKBELL_SMTP; smtp://user:pass@host:587 or smtps://…:465)
  --smtp-from ADDR  the From of those emails (env DESKBELL_SMTP_FROM; default
                    "Deskbell <no-reply@HOST>" with the host of --public-url)
  --backup-dir DIR  back the database and its attachments up into DIR while serving, as
                    deskbell backup does, named deskbell-<UTC time>.sqlite (env
                    DESKBELL_BACKUP_DIR); for machines without cron. Attachments a
                    newer backup shares with the one before are hard links, not copies
  --backup-every D  how often: 30s, 15m, 6h, 1d (env DESKBELL_BACKUP_EVERY, default 1d);
                    a restart continues from the newest backup in DIR
  --backup-keep N   how many of those backups to keep, newest first (env
                    DESKBELL_BACKUP_KEEP, default ${DEFAULT_BACKUP_KEEP}); nothing else in DIR is touched`,
  site: `Usage:
  deskbell site add --name NAME --origin https://shop.example [--origin ...] [--public-url URL]
  deskbell site list
  deskbell site origin add|remove --site KEY --origin https://shop.example [--origin ...]
      the domains whose pages may show the chat (also in the console's site settings,
      which lists the domains refused lately: https://www.shop.example is another domain)
  deskbell site routing --site KEY --mode auto|manual
      auto: waiting shoppers go to the online agent with the fewest open chats;
      manual: agents pick them from the queue in the console.
  deskbell site secret --site KEY [--rotate [--keep-old HOURS]]
      prints the identity secret that signs Deskbell.identify() (docs/widget-api.md).
      --rotate makes a new one; the old one is still accepted for --keep-old hours
      (default 24; 0 if it leaked), while the shop deploys the new one.
  deskbell site hours --site KEY --tz Asia/Taipei --hours "mon-fri 09:00-18:00, sat 10:00-14:00"
      business hours in the site's time zone (--hours off: always open). Outside them the
      widget says when people are back and offers leave-a-message.
  deskbell site tz --site KEY [--tz ZONE]   (show or set the IANA time zone of its reports)
  deskbell site consent --site KEY [on|off]
      consent mode (shows it without on|off): the widget stores nothing in the shopper's
      browser until they first open the chat; prompts then work within one page view.
  deskbell site attachments --site KEY [--max-mb N|default]
      show or set the largest file shoppers and agents may send (default 10 MB, at most 100).
${THEME_USAGE}

All take --db PATH (env DESKBELL_DB).`,
  agent: `Usage:
  deskbell agent add --email E --name N [--role agent|manager]
                                           (password read from stdin, or prompted on a terminal;
                                           without --role the first agent is a manager, later ones agents)
  deskbell agent role --email E --role agent|manager
                                           managers change site settings, see the identity
                                           secret and move anyone's conversations; agents their own
  deskbell agent team --email E --team NAME   (routing gives a conversation sent to a team to its
                                           members; --team "" takes the agent out of their team)
  deskbell agent list
  deskbell agent password --email E        (new password, as for add; logs the agent out everywhere)
  deskbell agent disable|enable --email E  (disabling logs the agent out everywhere)
  deskbell agent capacity --email E --max N (most conversations at once, 1-50; default 3)
  deskbell agent languages --email E --langs th,en  (routing prefers them for shoppers in
                                           those languages; --langs "" answers every language)

All take --db PATH (env DESKBELL_DB).`,
  faq: `Usage:
  deskbell faq import FILE --site KEY [--replace] [--format json|csv]
      Adds the file's entries to the site's FAQ and updates those with the same id;
      --replace makes the FAQ exactly the file. All or nothing: a file with a bad row
      imports nothing and lists every problem by line. FILE - reads standard input
      (JSON unless --format csv). The format is taken from the extension otherwise.
  deskbell faq export --site KEY [--format json|csv]
      Prints the site's FAQ (JSON by default); importing it again changes nothing.
  deskbell faq ask --site KEY [--lang en|zh-TW|zh-CN|th] ["QUESTION"]
      Prints the bot's decision as one JSON line:
      {"decision":"answer|suggest|escalate|none","matches":[{"id","question","score"}]}.
      Without QUESTION, reads one question a line from standard input and prints one
      line for each, in order (an empty line gets {"decision":"none","matches":[]}).
  deskbell faq thresholds --site KEY [--answer N] [--suggest N] [--coverage N]
      Prints the site's thresholds (0..1), after setting those given ("default" resets one).
  deskbell faq convert --site KEY [on|off]
      Shows (or sets) whether a Chinese entry with no version in the shopper's script is
      shown converted to it (Traditional <-> Simplified, characters only). On by default.
  deskbell faq link --site KEY [--apply]
      Lists the zh-TW and zh-CN entries without a topic that look like one question in
      both scripts, one pair a line (topic, ids, questions); --apply links them (gives
      each pair the topic), so each shopper gets the version in their own script.

File format (JSON array or CSV with a header row): docs/faq-content.md.
All take --db PATH (env DESKBELL_DB).`,
  triggers: `Usage:
  deskbell triggers import FILE --site KEY
      Makes the site's trigger rules exactly the file's (a JSON array, in priority order).
      All or nothing: a file with a bad rule imports nothing and lists every problem by
      rule (0-based, as in the array). FILE - reads standard input.
  deskbell triggers export --site KEY
      Prints the site's rules as a JSON array; importing it again changes nothing.

Rule format: docs/widget-api.md#trigger-rules. Both take --db PATH (env DESKBELL_DB).`,
  report: REPORT_HELP,
  backup: BACKUP_HELP,
  restore: RESTORE_HELP,
};

const options = {
  help: { type: 'boolean', short: 'h' },
  db: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  demo: { type: 'boolean' },
  'public-url': { type: 'string' },
  'log-level': { type: 'string' },
  grace: { type: 'string' },
  name: { type: 'string' },
  origin: { type: 'string', multiple: true },
  email: { type: 'string' },
  site: { type: 'string' },
  replace: { type: 'boolean' },
  apply: { type: 'boolean' },
  format: { type: 'string' },
  lang: { type: 'string' },
  answer: { type: 'string' },
  suggest: { type: 'string' },
  coverage: { type: 'string' },
  'ip-rate': { type: 'string' },
  rotate: { type: 'boolean' },
  'keep-old': { type: 'string' },
  'max-db-mb': { type: 'string' },
  'max-mb': { type: 'string' },
  smtp: { type: 'string' },
  'smtp-from': { type: 'string' },
  mode: { type: 'string' },
  accent: { type: 'string' },
  position: { type: 'string' },
  greeting: { type: 'string', multiple: true },
  'default-lang': { type: 'string' },
  hours: { type: 'string' },
  tz: { type: 'string' },
  max: { type: 'string' },
  langs: { type: 'string' },
  role: { type: 'string' },
  team: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  'backup-dir': { type: 'string' },
  'backup-every': { type: 'string' },
  'backup-keep': { type: 'string' },
} satisfies ParseArgsConfig['options'];

type Flags = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  const [command, sub, sub2] = positionals;
  if (!command || command === 'help') {
    console.log(HELP.main);
    return command ? 0 : values.help ? 0 : 1;
  }
  if (values.help) {
    console.log(HELP[command] ?? HELP.main);
    return 0;
  }
  const dbPath = values.db ?? process.env.DESKBELL_DB ?? DEFAULT_DB;
  switch (command) {
    case 'start':
      return start(values, dbPath);
    case 'site':
      return withStore(dbPath, (store) => siteCommand(store, sub, sub2, values));
    case 'agent':
      return withStore(dbPath, (store) => agentCommand(store, sub, values));
    case 'faq':
      return withStore(dbPath, (store) => faqCommand(store, sub, positionals.slice(2), values));
    case 'triggers':
      return withStore(dbPath, (store) => triggersCommand(store, sub, positionals.slice(2), values));
    case 'report':
      return withStore(dbPath, (store) => reportCommand(store, values));
    case 'backup':
      return backup(dbPath, values);
    case 'restore':
      return restore(dbPath, sub);
    default:
      throw new UsageError(`unknown command "${command}". Run deskbell --help.`);
  }
}

async function withStore(dbPath: string, run: (store: Store) => Promise<number>): Promise<number> {
  const store = openSqliteStore({ path: dbPath });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** Progress lines go to stderr, so stdout stays the one summary line a script may read. */
const progress = (line: string): void => void process.stderr.write(`deskbell: ${line}\n`);

async function backup(dbPath: string, values: Flags): Promise<number> {
  const done = await backupCommand(dbPath, values, progress);
  console.log(`Backed up ${dbPath} to ${done.out} in ${(done.ms / 1000).toFixed(1)} s: ${formatSummary(done)}. Checked: ok.`);
  if (done.missingFiles > 0) {
    console.error(`warning: ${done.missingFiles} attachment files the database refers to were already missing from ${dbPath}.files/; the chat shows those attachments as unavailable.`);
  }
  return 0;
}

async function restore(dbPath: string, file: string | undefined): Promise<number> {
  const { replaced, summary } = await restoreCommand(dbPath, file, progress);
  console.log(`Restored ${file} to ${dbPath}: ${formatSummary(summary)}.`);
  if (replaced) console.log(`The database it replaced is kept as ${replaced}.`);
  console.log('Start the server to use it (deskbell start).');
  return 0;
}

function required(value: string | undefined, flag: string, help: string): string {
  if (!value) throw new UsageError(`${flag} is required.\n\n${help}`);
  return value;
}

function publicUrl(values: Flags, fallback: string): string {
  return (values['public-url'] || process.env.DESKBELL_PUBLIC_URL || fallback).replace(/\/$/, '');
}

async function siteCommand(store: Store, sub: string | undefined, sub2: string | undefined, values: Flags): Promise<number> {
  const help = HELP.site ?? '';
  if (sub === 'add') {
    const site = await createSite(store, {
      name: required(values.name, '--name', help),
      origins: values.origin ?? [],
    });
    if (site.origins.length === 0) console.error('warning: no --origin given; the widget will only load on pages without an Origin header. Add one with: deskbell site origin add');
    console.log(`Created site "${site.name}" with key ${site.key}.\nPaste this before </body> on every page of the shop:\n\n  ${scriptTag(publicUrl(values, 'https://YOUR-DESKBELL-HOST'), site.key)}\n`);
    return 0;
  }
  if (sub === 'list') {
    const sites = await store.listSites();
    if (sites.length === 0) console.log('No sites yet. Create one with: deskbell site add --name "My Shop" --origin https://shop.example');
    for (const s of sites) console.log(`${s.key}\t${s.name}\t${s.origins.join(' ') || '(no origins)'}`);
    return 0;
  }
  if (sub === 'routing' || sub === 'secret' || sub === 'hours') {
    const key = required(values.site, '--site', help);
    const site = await store.getSiteByKey(key);
    if (!site) throw new UsageError(`no site has the key ${key}; deskbell site list shows them.`);
    if (sub === 'secret') {
      const identify = new IdentifyService(store, systemClock, () => '');
      if (!values.rotate) {
        console.log(await identify.secret(site.id));
        return 0;
      }
      const hours = Number(values['keep-old'] ?? 24);
      if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 90) throw new UsageError(`--keep-old must be a number of hours from 0 to 2160, not "${values['keep-old']}"`);
      console.log(await identify.rotate(site.id, hours * 3600_000));
      console.error(hours > 0
        ? `The old secret is still accepted for ${hours} h: deploy the new one (above) to the shop's server before then.`
        : 'The old secret is no longer accepted: shoppers identified with it show as unverified until the shop uses the new one.');
      return 0;
    }
    if (sub === 'hours') {
      const text = required(values.hours, '--hours', help);
      const hours = text === 'off' ? null : parseHours(text, required(values.tz, '--tz', help));
      await store.updateSite(site.id, { hours });
      console.log(hours ? `${site.key} is open ${formatHours(hours)} (${hours.timeZone}).` : `${site.key} has no business hours: always open.`);
      return 0;
    }
    const mode = required(values.mode, '--mode', help);
    if (mode !== 'auto' && mode !== 'manual') throw new UsageError(`--mode must be auto or manual, not "${mode}".`);
    await store.updateSite(site.id, { routing: mode });
    console.log(`${site.key} now routes ${mode === 'auto' ? 'automatically' : 'by agents picking from the queue'}.`);
    return 0;
  }
  if (sub === 'tz') return siteTimeZone(store, required(values.site, '--site', help), values.tz);
  if (sub === 'theme') return siteThemeCommand(store, required(values.site, '--site', help), values);
  if (sub === 'consent') return siteConsent(store, required(values.site, '--site', help), sub2);
  if (sub === 'attachments') return siteAttachments(store, required(values.site, '--site', help), values['max-mb']);
  if (sub === 'origin' && (sub2 === 'add' || sub2 === 'remove')) {
    const key = required(values.site, '--site', help);
    const site = await store.getSiteByKey(key);
    if (!site) throw new UsageError(`no site has the key ${key}; deskbell site list shows them.`);
    const named = (values.origin ?? []).map(normaliseOrigin);
    if (named.length === 0) throw new UsageError(`--origin is required.\n\n${help}`);
    const unknown = sub2 === 'remove' ? named.filter((o) => !site.origins.includes(o)) : [];
    if (unknown.length > 0) throw new UsageError(`${key} does not allow ${unknown.join(' ')}; it allows: ${site.origins.join(' ') || '(none)'}`);
    const origins = sub2 === 'add' ? [...new Set([...site.origins, ...named])] : site.origins.filter((o) => !named.includes(o));
    const updated = await store.updateSite(site.id, { origins });
    console.log(updated.origins.length > 0
      ? `${updated.key} now allows: ${updated.origins.join(' ')}`
      : `${updated.key} now allows no domain: the chat shows on no shop page until one is added (deskbell site origin add).`);
    return 0;
  }
  throw new UsageError(help);
}

async function siteConsent(store: Store, key: string, value: string | undefined): Promise<number> {
  const site = await store.getSiteByKey(key);
  if (!site) throw new UsageError(`no site has the key ${key}; deskbell site list shows them.`);
  if (value !== undefined && value !== 'on' && value !== 'off') throw new UsageError(`consent mode is on or off, not "${value}".`);
  const updated = value === undefined ? site : await store.updateSite(site.id, { theme: { ...site.theme, consent: value === 'on' } });
  console.log(updated.theme.consent
    ? `${updated.key}: consent mode on. The widget stores nothing in a shopper's browser until they open the chat.`
    : `${updated.key}: consent mode off. The widget remembers visits and prompts shown (localStorage) from the first page view.`);
  return 0;
}

async function siteTimeZone(store: Store, key: string, tz: string | undefined): Promise<number> {
  const site = await store.getSiteByKey(key);
  if (!site) throw new UsageError(`no site has the key ${key}; deskbell site list shows them.`);
  const updated = tz === undefined ? site : await store.updateSite(site.id, { timeZone: checkTimeZone(tz) });
  console.log(`${updated.key} reports in ${updated.timeZone ?? 'UTC'}`);
  return 0;
}

function roleFlag(value: string): AgentRole {
  if (value !== 'agent' && value !== 'manager') throw new UsageError(`--role must be agent or manager, not "${value}".`);
  return value;
}

async function siteAttachments(store: Store, key: string, maxMb: string | undefined): Promise<number> {
  const site = await store.getSiteByKey(key);
  if (!site) throw new UsageError(`no site has the key ${key}; deskbell site list shows them.`);
  if (maxMb !== undefined) {
    const mb = maxMb === 'default' ? null : Number(maxMb);
    if (mb !== null && (!Number.isFinite(mb) || mb <= 0 || mb * 1024 * 1024 > MAX_ATTACHMENT_MAX_BYTES)) {
      throw new UsageError(`--max-mb must be a number of MB above 0 and at most ${MAX_ATTACHMENT_MAX_BYTES / 1024 / 1024}, or "default"; not "${maxMb}".`);
    }
    await store.setAttachmentLimit(site.id, mb === null ? null : Math.round(mb * 1024 * 1024));
  }
  const bytes = (await store.attachmentLimit(site.id)) ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  console.log(`${site.key} accepts images and PDF files up to ${formatMb(bytes)} MB.`);
  return 0;
}

async function agentCommand(store: Store, sub: string | undefined, values: Flags): Promise<number> {
  const help = HELP.agent ?? '';
  if (sub === 'add') {
    const email = required(values.email, '--email', help);
    const name = required(values.name, '--name', help);
    const role = values.role === undefined ? undefined : roleFlag(values.role);
    const password = await readPassword();
    const agent = await new AgentService(store, systemClock, new EventBus()).create({ email, name, password, role });
    console.log(`Created ${agent.role} ${agent.name} <${agent.email}>. They can log in at /console/.`);
    return 0;
  }
  if (sub === 'list') {
    for (const a of await store.listAgents()) console.log(`${a.email}\t${a.name}\t${a.role}${a.team ? `\tteam ${a.team}` : ''}${a.disabled ? '\t(disabled)' : ''}`);
    return 0;
  }
  if (sub === 'team') {
    const email = required(values.email, '--email', help);
    if (values.team === undefined) throw new UsageError(`--team is required.\n\n${help}`);
    const team = values.team.trim();
    if (team.length > 40 || /[\x00-\x1f]/.test(team)) throw new UsageError('--team takes a name of at most 40 characters.');
    const agent = await store.getAgentByEmail(email.trim().toLowerCase());
    if (!agent) throw new UsageError(`no agent has the email ${email}; deskbell agent list shows them.`);
    await store.updateAgent(agent.id, { team: team || null });
    console.log(team ? `${agent.email} is in the team ${team}.` : `${agent.email} is in no team.`);
    return 0;
  }
  if (sub === 'role') {
    const email = required(values.email, '--email', help);
    const role = roleFlag(required(values.role, '--role', help));
    const agent = await store.getAgentByEmail(email.trim().toLowerCase());
    if (!agent) throw new UsageError(`no agent has the email ${email}; deskbell agent list shows them.`);
    await store.updateAgent(agent.id, { role });
    console.log(`${agent.email} is now ${role === 'manager' ? 'a manager' : 'an agent'}.`);
    return 0;
  }
  if (sub === 'disable' || sub === 'enable') {
    const email = required(values.email, '--email', help);
    const agent = await new AgentService(store, systemClock, new EventBus()).setDisabled(email, sub === 'disable');
    console.log(sub === 'disable' ? `Disabled ${agent.email}: logged out everywhere, and can't log in.` : `Enabled ${agent.email}.`);
    return 0;
  }
  if (sub === 'languages') {
    const email = required(values.email, '--email', help);
    if (values.langs === undefined) throw new UsageError(`--langs is required.\n\n${help}`);
    const langs = values.langs.split(',').map((l) => l.trim()).filter(Boolean);
    const unknown = langs.filter((l) => !LANGS.includes(l as (typeof LANGS)[number]));
    if (unknown.length > 0) throw new UsageError(`--langs takes ${LANGS.join(', ')}; not ${unknown.join(', ')}.`);
    const agent = await store.getAgentByEmail(email.trim().toLowerCase());
    if (!agent) throw new UsageError(`no agent has the email ${email}; deskbell agent list shows them.`);
    await store.updateAgent(agent.id, { languages: langs });
    console.log(langs.length ? `${agent.email} answers in ${langs.join(', ')}.` : `${agent.email} answers in every language.`);
    return 0;
  }
  if (sub === 'capacity') {
    const email = required(values.email, '--email', help);
    const max = Number(required(values.max, '--max', help));
    if (!Number.isInteger(max) || max < 1 || max > 50) throw new UsageError(`--max must be a whole number from 1 to 50, not "${values.max}".`);
    const agent = await store.getAgentByEmail(email.trim().toLowerCase());
    if (!agent) throw new UsageError(`no agent has the email ${email}; deskbell agent list shows them.`);
    await store.updateAgent(agent.id, { maxChats: max });
    console.log(`${agent.email} now takes at most ${max} conversations at once.`);
    return 0;
  }
  if (sub === 'password') {
    const email = required(values.email, '--email', help);
    const agent = await new AgentService(store, systemClock, new EventBus()).setPassword(email, await readPassword());
    console.log(`New password set for ${agent.email}; their open sessions are logged out.`);
    return 0;
  }
  throw new UsageError(help);
}

async function faqCommand(store: Store, sub: string | undefined, args: string[], values: Flags): Promise<number> {
  const help = HELP.faq ?? '';
  if (!['import', 'export', 'ask', 'thresholds', 'convert', 'link'].includes(sub ?? '')) throw new UsageError(help);
  const key = required(values.site, '--site', help);
  const site = await store.getSiteByKey(key);
  if (!site) throw new UsageError(`no site has the key ${key}; deskbell site list shows them.`);
  const registry = new FaqRegistry(store);
  if (sub === 'import') {
    const file = args[0];
    if (!file || args.length > 1) throw new UsageError(`give one FILE to import.\n\n${help}`);
    const format = faqFormat(values.format) ?? (file === '-' ? 'json' : faqFormatFromPath(file));
    if (!format) throw new UsageError(`cannot tell the format of ${file} from its name; add --format json or --format csv.`);
    const decoded = decodeFaqFile(file === '-' ? await readStdin() : readFile(file));
    const parsed = decoded.ok ? parseFaq(decoded.text, format) : decoded;
    const errors = parsed.ok ? topicClashes(parsed, await store.listFaqEntries(site.id), values.replace ?? false) : parsed.errors;
    if (errors.length > 0) {
      const count = errors.length;
      console.error(`deskbell: ${file} has ${count === 1 ? 'a problem' : `${count} problems`}; nothing was imported.`);
      for (const error of errors) console.error(formatRowError(error));
      return 1;
    }
    if (!parsed.ok) return 1;
    if (parsed.entries.length === 0) {
      console.error(`deskbell: ${file} has no entries; nothing was imported.`);
      return 1;
    }
    const result = await registry.import(site.id, parsed.entries, { replace: values.replace ?? false });
    const removed = values.replace ? `, ${result.removed.length} removed` : '';
    console.log(`Imported ${parsed.entries.length} entries (${result.added.length} added, ${result.updated.length} updated, ${result.unchanged.length} unchanged${removed}) into ${site.key}.`);
    return 0;
  }
  if (sub === 'export') {
    if (args.length > 0) throw new UsageError(help);
    process.stdout.write(formatFaq(await store.listFaqEntries(site.id), faqFormat(values.format) ?? 'json'));
    return 0;
  }
  if (sub === 'ask') {
    const lang = values.lang === undefined ? undefined : parseLang(values.lang);
    if (lang === null) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}.`);
    if ((await registry.entries(site.id)).length === 0) console.error(`deskbell: ${site.key} has no FAQ yet; import one with deskbell faq import FILE --site ${site.key}`);
    const ask = async (question: string): Promise<string> => decisionLine(question.trim() === '' ? { decision: 'none', matches: [] } : await registry.match(site.id, question, lang));
    if (args.length > 0) {
      console.log(await ask(args.join(' ')));
      return 0;
    }
    if (process.stdin.isTTY) console.error('Type one question a line; Ctrl-D ends.');
    // In order and as it goes: a long list shows progress, and a pipe never holds everything.
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (!process.stdout.write(`${await ask(line.replace(/^\uFEFF/, ''))}\n`)) await once(process.stdout, 'drain');
    }
    return 0;
  }
  if (sub === 'link') {
    if (args.length > 0) throw new UsageError(help);
    const entries = await registry.entries(site.id);
    const links = suggestTranslationLinks(entries);
    for (const { topic, entries: [tw, cn] } of links) console.log(`${topic}\t${tw.id} ${cn.id}\t${tw.question} | ${cn.question}`);
    if (links.length === 0) {
      console.error(`deskbell: no unlinked Chinese entries in ${site.key} look like one question in both scripts.`);
      return 0;
    }
    if (!values.apply) {
      console.error(`${links.length} pair(s) to link; run again with --apply to link them.`);
      return 0;
    }
    const byId = new Map(entries.map((e) => [e.id, e]));
    const linked = links.flatMap(({ topic, entries: pair }) => pair.map(({ id }) => ({ ...byId.get(id)!, topic })));
    await registry.import(site.id, linked);
    console.error(`Linked ${links.length} pair(s) in ${site.key}.`);
    return 0;
  }
  if (sub === 'convert') {
    const [value, ...rest] = args;
    if (rest.length > 0 || (value !== undefined && value !== 'on' && value !== 'off')) throw new UsageError(`the script conversion is on or off, not "${args.join(' ')}".`);
    const settings = value === undefined ? await registry.settings(site.id) : await registry.updateSettings(site.id, { convertScript: value === 'on' });
    console.log(settings.convertScript
      ? `${site.key}: script conversion on. A Chinese entry with no version in the shopper's script is shown converted to it (Traditional <-> Simplified).`
      : `${site.key}: script conversion off. Shoppers read each Chinese entry in the script it was written in.`);
    return 0;
  }
  if (sub === 'thresholds') {
    const patch = { answer: threshold(values.answer, '--answer'), suggest: threshold(values.suggest, '--suggest'), coverage: threshold(values.coverage, '--coverage') };
    const settings = Object.values(patch).some((v) => v !== undefined)
      ? await registry.updateSettings(site.id, { thresholds: patch })
      : await registry.settings(site.id);
    console.log(JSON.stringify(settings.thresholds));
    return 0;
  }
  throw new UsageError(help);
}

async function triggersCommand(store: Store, sub: string | undefined, args: string[], values: Flags): Promise<number> {
  const help = HELP.triggers ?? '';
  if (sub !== 'import' && sub !== 'export') throw new UsageError(help);
  const key = required(values.site, '--site', help);
  const site = await store.getSiteByKey(key);
  if (!site) throw new UsageError(`no site has the key ${key}; deskbell site list shows them.`);
  if (sub === 'export') {
    if (args.length > 0) throw new UsageError(help);
    await exportTriggers(store, site);
    return 0;
  }
  const file = args[0];
  if (!file || args.length > 1) throw new UsageError(`give one FILE to import.\n\n${help}`);
  return importTriggers(store, site, file, (file === '-' ? await readStdin() : readFile(file)).toString('utf8'));
}

function faqFormat(value: string | undefined): FaqFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'json' || value === 'csv') return value;
  throw new UsageError(`--format must be json or csv, not "${value}".`);
}

/** `--answer 0.7` → 0.7, `--answer default` → null (back to the default), absent → undefined. */
function threshold(value: string | undefined, flag: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'default') return null;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number from 0 to 1, or "default".`);
  return n;
}

/**
 * One line of `faq ask` output. Scores are cut, not rounded, to three decimals: a score
 * just under a threshold must not print as the threshold itself.
 */
function decisionLine(result: MatchResult): string {
  return JSON.stringify({
    decision: result.decision,
    matches: result.matches.map((m) => ({ id: m.id, question: m.question, score: Math.floor(m.score * 1000 + 1e-9) / 1000 })),
  });
}

function readFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** From stdin when piped (scripts), else a prompt that does not echo. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += String(chunk);
    return data.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write('Password (at least 8 characters): ');
  muted._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

function ipRate(flag: string | undefined): IpLimitOptions | undefined {
  if (flag === undefined) return undefined;
  const perSecond = Number(flag);
  if (!Number.isFinite(perSecond) || perSecond < 0) throw new UsageError(`--ip-rate must be a number of requests per second (0 turns the limit off), not "${flag}"`);
  return { perSecond, burst: perSecond * 10 };
}

function smtpOptions(values: Flags): { smtp?: SmtpOptions } {
  const url = values.smtp ?? process.env.DESKBELL_SMTP;
  if (!url) return {};
  if (!/^smtps?:\/\//.test(url)) throw new UsageError('--smtp takes a URL like smtp://user:pass@mail.example:587 or smtps://user:pass@mail.example:465');
  const host = (() => {
    try {
      return new URL(publicUrl(values, 'http://localhost')).hostname;
    } catch {
      return 'localhost';
    }
  })();
  return { smtp: { url, from: values['smtp-from'] ?? process.env.DESKBELL_SMTP_FROM ?? `Deskbell <no-reply@${host}>` } };
}

function maxDbBytes(flag: string | undefined): number | undefined {
  if (flag === undefined) return undefined;
  const mb = Number(flag);
  if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`--max-db-mb must be a size in megabytes above 0, not "${flag}"`);
  return Math.round(mb * 1024 * 1024);
}

/** `--backup-dir DIR [--backup-every D] [--backup-keep N]`, or their env; undefined: no scheduled backups. */
function backupOptions(values: Flags): BackupScheduleOptions | undefined {
  const every = values['backup-every'] ?? process.env.DESKBELL_BACKUP_EVERY;
  const keep = values['backup-keep'] ?? process.env.DESKBELL_BACKUP_KEEP;
  const dir = values['backup-dir'] ?? process.env.DESKBELL_BACKUP_DIR;
  if (!dir) {
    if (every !== undefined || keep !== undefined) throw new UsageError('--backup-every and --backup-keep need --backup-dir DIR, the folder to write the backups to.');
    return undefined;
  }
  const everyMs = every === undefined ? DEFAULT_BACKUP_EVERY_MS : parseDuration(every);
  if (everyMs === null) throw new UsageError(`--backup-every takes ${DURATION_HINT} (at most 365d), not "${every}".`);
  const count = keep === undefined ? DEFAULT_BACKUP_KEEP : Number(keep);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new UsageError(`--backup-keep must be a whole number from 1 to 1000, not "${keep}".`);
  return { dir, everyMs, keep: count };
}

async function start(values: Flags, dbPath: string): Promise<number> {
  const backups = backupOptions(values);
  const startedAt = performance.now();
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port ?? process.env.PORT}"`);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const level = values['log-level'] ?? process.env.LOG_LEVEL ?? 'info';
  const demo = values.demo ?? false;
  const grace = values.grace === undefined ? undefined : Number(values.grace);
  if (grace !== undefined && (!Number.isFinite(grace) || grace < 0)) throw new UsageError(`--grace must be a number of seconds (0 or more), not "${values.grace}"`);

  const deskbell = await buildApp({
    dbPath,
    demoDir: demo ? DEFAULT_DEMO_DIR : null,
    logger: { level },
    secureCookies: (values['public-url'] ?? process.env.DESKBELL_PUBLIC_URL ?? '').startsWith('https:'),
    trustProxy: process.env.DESKBELL_TRUST_PROXY === '1',
    ipLimits: ipRate(values['ip-rate']),
    maxDbBytes: maxDbBytes(values['max-db-mb']),
    ...(grace === undefined ? {} : { graceMs: grace * 1000 }),
    ...smtpOptions(values),
    backups,
    ...(values['public-url'] || process.env.DESKBELL_PUBLIC_URL ? { publicUrl: publicUrl(values, '') } : {}),
  });
  const { app } = deskbell;

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing writes, closing the database');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host;
  const base = publicUrl(values, `http://${shownHost}:${actualPort}`);
  const lines = [`Deskbell ${VERSION} ready in ${Math.round(performance.now() - startedAt)} ms on ${base} (database ${dbPath})`];
  if (demo) {
    const origins = [base, `http://localhost:${actualPort}`, `http://127.0.0.1:${actualPort}`];
    const login = await ensureDemo(deskbell.store, deskbell.agents, origins);
    // The demo FAQ may have just been imported: don't keep an index loaded before it.
    const demoSite = await deskbell.store.getSiteByKey(DEMO_SITE_KEY);
    if (demoSite) deskbell.registry.invalidate(demoSite.id);
    lines.push(
      `  Demo shop:     ${base}/demo/`,
      `  Agent console: ${base}/console/`,
      `  Log in as:     ${login.email} / ${login.password}   (demo mode only)`,
    );
  }
  lines.push(backups
    ? `  Backups:       every ${formatDuration(backups.everyMs)} into ${backups.dir}, the newest ${backups.keep} kept`
    : '  Backups:       none scheduled (start with --backup-dir DIR, or run deskbell backup from cron)');
  // One plain block for humans; the JSON log line carries the same for machines.
  console.log(lines.join('\n'));
  app.log.info({ url: base, port: actualPort, demo }, 'ready');
  return -1; // keep running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || isDeskbellError(err) || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`deskbell: ${(err as Error).message}`);
      process.exitCode = 2;
      return;
    }
    console.error(err);
    process.exitCode = 1;
  },
);
