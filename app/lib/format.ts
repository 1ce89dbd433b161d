/** Shows a source's date, which may be a full date, a month, a year, or unknown. */
export function formatSourceDate(date: string | null): string {
  if (!date) return 'Undated';
  const [year, month, day] = date.split('-').map(Number);
  if (!month) return String(year);
  const d = new Date(Date.UTC(year!, month - 1, day ?? 1));
  return d.toLocaleDateString('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long', ...(day ? { day: 'numeric' } : {}) });
}

/** A size as people read it: "16 KiB", "2.0 MiB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

// Made once: a formatter per call (what toLocale…String does) cost most of a card's render.
let formats: { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat } | null = null;

/** A note's time in the reader's locale: the time of day if today, else the day. */
export function formatWhen(ms: number): string {
  formats ??= {
    time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
    day: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }),
  };
  const date = new Date(ms);
  return (new Date().toDateString() === date.toDateString() ? formats.time : formats.day).format(date);
}
