// Room names, built in one place. Who hears what:
//   visitor:<id>  every tab of one visitor (their conversation's messages, typing, updates)
//   agents        every connected agent (the live conversation list)
//   agent:<id>    every tab of one agent; session:<hash> every socket of one console session
export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  agents: 'agents',
  agent: (agentId: string) => `agent:${agentId}`,
  session: (sessionHash: string) => `session:${sessionHash}`,
} as const;
