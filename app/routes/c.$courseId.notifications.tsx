import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { listNotifications, markRead } from '../../db/queries/notifications';
import { requireCourseRole } from '~/lib/auth.server';
import { invalid, parseForm } from '~/lib/forms';
import { formatDateTime, timeZoneOf } from '~/lib/time-zone';
import { plainText } from '~/lib/markdown';
import type { NotificationsData } from '~/components/notification-bell';

/** The user's notifications in this course: the bell's data, and a page of its own. */
export async function loader({ request, params }: LoaderFunctionArgs): Promise<NotificationsData> {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const { items, unread } = await listNotifications(user.id, membership.course.id);
  return {
    courseId: membership.course.id,
    timeZone: timeZoneOf(request),
    unread,
    items: items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
  };
}

const schema = z.object({ id: z.uuid('Unknown notification').optional() });

/** Marks one notification read (with `id`), or all of them. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const form = parseForm(await request.formData(), schema);
  if (!form.ok) return invalid(form.fieldErrors);
  return { marked: await markRead(user.id, membership.course.id, form.value.id) };
}


export default function Notifications() {
  const { items, unread, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow-wide">
      <div className="page-head">
        <h1>Notifications</h1>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" className="secondary small">
              Mark all read
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? <p className="empty">Nothing yet. Replies to your notes, mentions and new assignments will show up here.</p> : null}
      <ul className="notification-list">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? undefined : 'unread'}>
            <Link to={n.link}>
              {n.actorName ? <strong>{n.actorName} </strong> : null}
              {n.title}
            </Link>
            {n.excerpt ? <p className="excerpt">{plainText(n.excerpt)}</p> : null}
            <span className="meta">{formatDateTime(n.createdAt, timeZone)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Notifications · Plenum' }];
