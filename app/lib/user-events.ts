/**
 * The page's end of GET /events (server/events.ts): one EventSource per tab, shared by every
 * component that wants to hear that its user's notifications or progress changed, or a seminar started or ended.
 */
import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef } from 'react';

type Kind = 'notifications' | 'progress' | 'seminar';
type Handler = () => void;

const handlers = new Map<Kind, Set<Handler>>();
let source: EventSource | null = null;

function subscribe(kind: Kind, handler: Handler) {
  if (!source) {
    source = new EventSource('/events');
    for (const k of ['notifications', 'progress', 'seminar'] as const) source.addEventListener(k, () => handlers.get(k)?.forEach((h) => h()));
  }
  const set = handlers.get(kind) ?? new Set();
  set.add(handler);
  handlers.set(kind, set);
  return () => {
    set.delete(handler);
    if ([...handlers.values()].every((s) => s.size === 0)) {
      source?.close();
      source = null;
    }
  };
}

/** Calls each handler when that kind of event arrives; 'revalidate' reloads the page's data. */
export function useUserEvents(wanted: Partial<Record<Kind, Handler | 'revalidate'>>) {
  const revalidator = useRevalidator();
  const latest = useRef({ wanted, revalidator });
  latest.current = { wanted, revalidator };
  const kinds = Object.keys(wanted).sort().join(',');
  useEffect(() => {
    const offs = (kinds.split(',').filter(Boolean) as Kind[]).map((kind) =>
      subscribe(kind, () => {
        const { wanted: w, revalidator: r } = latest.current;
        const handler = w[kind];
        if (handler === 'revalidate') {
          if (r.state === 'idle') r.revalidate();
        } else handler?.();
      }),
    );
    return () => offs.forEach((off) => off());
  }, [kinds]);
}
