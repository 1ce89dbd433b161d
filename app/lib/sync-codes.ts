/**
 * WebSocket close codes the sync server uses, shared with the browser client. y-websocket stops
 * reconnecting on 4400–4499 ("reconnecting cannot fix this") and retries on anything else.
 */
export const CLOSE = {
  /** Server shutting down: reconnect (to another instance). */
  goingAway: 1001,
  /** Another instance owns the room now (the balancer moved it): reconnect, and the balancer sends you there. */
  roomMoved: 1012,
  /** Storage unreachable: reconnect later; unsent edits stay in the client and are resent. */
  tryAgainLater: 1013,
  /** A frame that is not the y-websocket protocol. */
  malformed: 4400,
  /** The session expired or was revoked: sign in again. */
  signedOut: 4401,
  /** Not (or no longer) allowed in this room. */
  forbidden: 4403,
  /** An update wrote outside the sender's own branch: discard the local copy and resynchronise. */
  writeRefused: 4409,
  /**
   * An update over a size limit (a member's share of the room, the room's total): the change is
   * dropped from the local copy, which syncs afresh, and the reason is shown.
   */
  tooLarge: 4413,
  /** Updates that build on items that never arrived: reconnect, and the handshake resends them in full. */
  missingDependencies: 4522,
  /** Too many messages: reconnect after a pause (4500–4599 is the "try again later" range). */
  rateLimited: 4529,
  /**
   * What the member may be sent changed (a peer gate opened or closed, docs/compare.md): reconnect, and the
   * handshake sends what they may now see.
   */
  viewChanged: 4530,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];
