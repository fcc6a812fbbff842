// Desktop notifications and a short sound when a conversation is given to this agent or
// one of their shoppers writes while the console is in the background. Only with the
// browser's permission, asked for by a button (never on load).
import type { ConversationSummary, Message } from '../protocol.js';

export type Alert =
  | { kind: 'assigned'; conversation: ConversationSummary; note: string | null; by: string | null; self: boolean }
  | { kind: 'message'; conversation: ConversationSummary; message: Message };

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

export function notificationsAllowed(): boolean {
  return notificationsSupported() && Notification.permission === 'granted';
}

let audio: AudioContext | null = null;

/** A soft two-tone chime (no sound file to ship). */
function chime(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [660, 880].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.12 + 0.25);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.12);
      osc.stop(now + i * 0.12 + 0.3);
    }
  } catch {
    /* no audio output: the notification is enough */
  }
}

/** Shows the alert, if allowed; a message in the open, visible conversation is not news. */
export function notify(alert: Alert, text: { title: string; body: string }, openId: string | null, onClick: (id: string) => void): void {
  if (!notificationsAllowed()) return;
  // What the agent did themselves (a claim, writing in it) is not news to them.
  if (alert.kind === 'assigned' && alert.self) return;
  if (alert.kind === 'message' && alert.conversation.id === openId && document.visibilityState === 'visible') return;
  const n = new Notification(text.title, { body: text.body, tag: `deskbell-${alert.conversation.id}` });
  n.onclick = () => {
    window.focus();
    onClick(alert.conversation.id);
    n.close();
  };
  chime();
}
