/**
 * Telling every instance at once that a member's access changed (a role changed, a membership or a
 * session ended), so their open sockets are checked now rather than at the next periodic re-check.
 * Sent inside the change's own transaction: PostgreSQL delivers it when (and only if) it commits.
 */
import type { Sql, Transaction } from '../sql';

export const ACCESS_CHANNEL = 'plenum_access';

export async function announceAccessChange(tx: Sql | Transaction, userId: string) {
  await tx`SELECT pg_notify(${ACCESS_CHANNEL}, ${userId})`;
}
