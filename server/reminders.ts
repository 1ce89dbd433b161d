/**
 * Time-based notifications: every interval, students are reminded of assignments due within a day
 * (db/queries/notifications.ts). A timer in the server process, not a GET side effect: the bell rings
 * on open pages when the day begins, and reading notifications changes nothing.
 */
import type { Logger } from 'pino';
import { remindDueSoon } from '../db/queries/notifications';

export function startReminders(intervalMs: number, log: Logger): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const run = () => {
    running ??= remindDueSoon()
      .then((made) => made > 0 && log.info({ made }, 'reminders: assignments due within a day'))
      .catch((error: unknown) => log.error({ err: error }, 'reminders: failed; trying again next time'))
      .finally(() => (running = null)); // (a slow run is not overtaken by the next)
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
