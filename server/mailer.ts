/**
 * Sends the outbox (db/queries/outbox.ts): over SMTP when SMTP_URL is set (nodemailer), otherwise into
 * the log, so that on a developer's machine the sign-up link is in the console.
 */
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { takeUnsent, type Mail } from '../db/queries/outbox';

export function startMailer(options: { smtpUrl?: string; from: string; intervalMs: number; log: Logger }): () => void {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const send = async (mail: Mail) => {
    if (transport) await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.body });
    else options.log.info({ to: mail.to, subject: mail.subject }, `mail (not sent: SMTP_URL is unset)\n${mail.body}`);
  };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      while ((await takeUnsent(20, send)) === 20);
    } catch (error) {
      options.log.warn({ err: error }, 'mail: sending failed, will try again');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  void tick();
  return () => clearInterval(timer);
}
