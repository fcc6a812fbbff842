// What only managers may do (docs/decisions/roles.md). Checked on the server, in the handler
// of every socket event and HTTP route concerned, with the agent row read fresh, so a role
// changed from the CLI counts at the next request; the console only hides what would fail.
import { deskbellError } from './errors.js';
import type { Agent, Conversation } from './store/types.js';

/** `what` finishes "Only a manager can …". */
export function requireManager(agent: Agent, what: string): void {
  if (agent.role !== 'manager') throw deskbellError('DESKBELL_FORBIDDEN_ROLE', what);
}

/** An agent moves only a conversation they hold; a manager any (reassign, take over). */
export function requireMayTransfer(agent: Agent, conversation: Conversation | null): void {
  if (agent.role === 'manager' || !conversation) return;
  if (conversation.routing !== 'assigned' || conversation.assignedAgentId !== agent.id) {
    throw deskbellError('DESKBELL_FORBIDDEN_ROLE', 'move a conversation someone else has, or one still waiting');
  }
}

/**
 * Who may act towards the shopper in a conversation — write to them, show them "typing",
 * resolve or close it: a manager anywhere; an agent in a conversation nobody holds (writing
 * takes it) or one they hold — never over a colleague's shoulder, where the shopper would get
 * two people answering at once, or the holder would find their conversation ended under them.
 * Private notes stay open to everyone. Writing, resolving and closing check this inside the
 * store's write transaction (a claim or transfer landing just before cannot slip past it).
 */
export function requireMayWrite(agent: Agent, conversation: Conversation): void {
  if (agent.role === 'manager' || conversation.status !== 'open') return;
  if (conversation.routing !== 'assigned' || conversation.assignedAgentId === null || conversation.assignedAgentId === agent.id) return;
  throw deskbellError('DESKBELL_CONVERSATION_HELD');
}
