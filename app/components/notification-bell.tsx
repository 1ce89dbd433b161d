import { Link, useFetcher, useLocation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { Notification } from '../../db/queries/notifications';

/** What the notifications route's loader sends: the bell's data (dates as ISO strings). */
export interface NotificationsData {
  courseId: string;
  timeZone: string;
  unread: number;
  items: (Omit<Notification, 'createdAt' | 'readAt'> & { createdAt: string; readAt: string | null })[];
}
import { formatDateTime } from '~/lib/time-zone';
import { useUserEvents } from '~/lib/user-events';
import { plainText } from '~/lib/markdown';

/**
 * The bell: how many notifications are unread, and the latest ones in a menu. Refreshed the moment
 * the server says something arrived (GET /events); opening a notification marks it read.
 */
export function NotificationBell({ courseId, initial }: { courseId: string; initial: NotificationsData }) {
  const loader = useFetcher<NotificationsData>();
  const marker = useFetcher();
  const [open, setOpen] = useState(false);
  const data = loader.data ?? initial;
  const url = `/c/${courseId}/notifications`;
  // A fetcher that fails takes the page to its error boundary: offline, the bell keeps what it shows.
  const refresh = () => navigator.onLine && loader.load(url);
  const markRead = (id?: string) => navigator.onLine && marker.submit(id ? { id } : {}, { method: 'post', action: url });
  useUserEvents({ notifications: refresh });
  const location = useLocation();
  useEffect(() => setOpen(false), [location.key]);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menu.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  // Once a read is recorded, fetch the list again (the count drops).
  useEffect(() => {
    if (marker.state === 'idle' && marker.data) refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per recorded read
  }, [marker.state, marker.data]);
  const unread = data.unread;
  return (
    <div className="bell" ref={menu}>
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls="notification-menu"
        aria-label={`Notifications, ${data.unread} unread`}
        onClick={() => {
          setOpen(!open);
          if (!open) refresh();
        }}
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 ? (
          <span className="bell-count" data-testid="bell-count">
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id="notification-menu" className="bell-menu" role="region" aria-label="Notifications">
          <div className="bell-head">
            <strong>Notifications</strong>
            {data.unread > 0 ? (
              <button type="button" className="link-button" onClick={() => markRead()}>
                Mark all read
              </button>
            ) : null}
          </div>
          {data.items.length === 0 ? <p className="empty small">Nothing yet.</p> : null}
          <ul>
            {data.items.slice(0, 12).map((n) => (
              <li key={n.id} className={n.readAt ? undefined : 'unread'}>
                <Link to={n.link} onClick={() => !n.readAt && markRead(n.id)}>
                  {n.actorName ? <strong>{n.actorName} </strong> : null}
                  {n.title}
                  {n.excerpt ? <span className="excerpt">{plainText(n.excerpt)}</span> : null}
                  <span className="meta">{formatDateTime(n.createdAt, data.timeZone)}</span>
                </Link>
              </li>
            ))}
          </ul>
          <Link to={url} className="bell-all">
            All notifications
          </Link>
        </div>
      ) : null}
    </div>
  );
}
