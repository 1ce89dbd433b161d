/**
 * Limits per member, across every socket they open: how many sockets (in one room, and in all), and
 * how fast they may send updates and changes. Per-connection limits alone multiply with each socket
 * a member opens.
 */
import { TokenBucket } from './token-bucket';

export interface MemberLimits {
  /** Sockets one member may have open to one room (a tab each), and to all rooms together. */
  socketsPerRoom: number;
  sockets: number;
  /** Updates per second one member may send over all their sockets (bursts of twice that pass). */
  updatesPerSecond: number;
  /** Changes (structs and deleted ranges) per second, bursts of ten times that. */
  changesPerSecond: number;
}

const FORGET_AFTER_MS = 60_000;

/** One member's shared budget, held while they have a socket open. */
export class MemberBudget {
  readonly updates: TokenBucket;
  readonly changes: TokenBucket;
  /** Open sockets, by room name. */
  readonly rooms = new Map<string, number>();
  sockets = 0;
  forget: NodeJS.Timeout | null = null;

  constructor(limits: MemberLimits) {
    this.updates = new TokenBucket(limits.updatesPerSecond * 2, limits.updatesPerSecond);
    this.changes = new TokenBucket(limits.changesPerSecond * 10, limits.changesPerSecond);
  }
}

export class MemberBudgets {
  private readonly members = new Map<string, MemberBudget>();

  constructor(private readonly limits: MemberLimits) {}

  /** Takes a socket for `userId` in `room`: their budget, or why they may not open another. */
  open(userId: string, room: string): MemberBudget | string {
    let budget = this.members.get(userId);
    if (!budget) this.members.set(userId, (budget = new MemberBudget(this.limits)));
    if (budget.forget) clearTimeout(budget.forget);
    budget.forget = null;
    const inRoom = budget.rooms.get(room) ?? 0;
    if (inRoom >= this.limits.socketsPerRoom) return `too many connections to this room (${this.limits.socketsPerRoom}): close another tab`;
    if (budget.sockets >= this.limits.sockets) return `too many connections (${this.limits.sockets}): close some tabs`;
    budget.rooms.set(room, inRoom + 1);
    budget.sockets += 1;
    return budget;
  }

  close(userId: string, room: string) {
    const budget = this.members.get(userId);
    if (!budget) return;
    const inRoom = (budget.rooms.get(room) ?? 1) - 1;
    if (inRoom > 0) budget.rooms.set(room, inRoom);
    else budget.rooms.delete(room);
    budget.sockets -= 1;
    // Kept a while after the last socket closes, so closing and reopening does not refill the budget.
    if (budget.sockets <= 0) {
      budget.forget = setTimeout(() => {
        if (this.members.get(userId) === budget && budget.sockets <= 0) this.members.delete(userId);
      }, FORGET_AFTER_MS);
      budget.forget.unref();
    }
  }
}
