/**
 * Dates in the viewer's time zone. The browser tells the server its zone in a cookie (set by the
 * root layout), so pages render the right local times on the server and hydrate without a change;
 * until the cookie exists, times are shown in UTC and say so.
 */
import { TZDate } from '@date-fns/tz';

export const TIME_ZONE_COOKIE = 'plenum_tz';

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The time zone a Cookie header (or `document.cookie`) names, if any. */
export function cookieTimeZone(cookies: string): string | null {
  const match = new RegExp(`(?:^|;\\s*)${TIME_ZONE_COOKIE}=([^;]+)`).exec(cookies);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** The time zone named in the request's cookie, else UTC. */
export function timeZoneOf(request: Request): string {
  const name = cookieTimeZone(request.headers.get('Cookie') ?? '') ?? 'UTC';
  return isTimeZone(name) ? name : 'UTC';
}

/** "Mon 23 Nov 2026, 09:00" in `timeZone` (fixed locale, so server and browser agree). */
export function formatDateTime(date: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone,
  }).format(new Date(date));
}

/** The value of an `<input type="datetime-local">` showing `date` in `timeZone`. */
export function toLocalInput(date: Date | string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
      .formatToParts(new Date(date))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The moment a `datetime-local` value ("2026-11-23T09:00") means in `timeZone`; null if malformed. */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const date = new TZDate(year, month - 1, day, hour, minute, timeZone);
  // 31 February and the like roll over into the next month: refuse them.
  return date.getDate() === day ? new Date(date.getTime()) : null;
}
