/** Mail waiting to be sent (server/mailer.ts sends it), so a request never waits on a mail server. */
import { sql } from '../sql';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export async function queueMail(mail: Mail): Promise<void> {
  await sql`INSERT INTO outbox (to_address, subject, body) VALUES (${mail.to}, ${mail.subject}, ${mail.body})`;
}

/** How many mails went to `address` since `since`: a sign-up form must not become a way to flood an inbox. */
export async function mailsSentTo(address: string, since: Date): Promise<number> {
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM outbox WHERE to_address = ${address} AND created_at > ${since}`;
  return row!.n;
}

/** Takes up to `limit` unsent mails, oldest first, and marks them sent (at most once: locked rows are skipped). */
export async function takeUnsent(limit: number, send: (mail: Mail) => Promise<void>): Promise<number> {
  return sql.begin(async (tx) => {
    const rows = await tx<{ id: string; to_address: string; subject: string; body: string }[]>`
      SELECT id, to_address, subject, body FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    for (const row of rows) {
      await send({ to: row.to_address, subject: row.subject, body: row.body });
      await tx`UPDATE outbox SET sent_at = now() WHERE id = ${row.id}`;
    }
    return rows.length;
  });
}
