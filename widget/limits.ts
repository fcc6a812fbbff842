// Limits the widget enforces before sending (the server enforces them again).
// Kept apart from server/protocol.ts because the widget may import that file only as types.
export const MAX_MESSAGE_LENGTH_CLIENT = 4000;
