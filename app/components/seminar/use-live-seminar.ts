/**
 * The course's live seminar as the page knows it: from the course frame's loader, then refetched whenever a
 * seminar starts or ends (the `seminar` user event, server/events.ts), so the banner appears on every open
 * page of the course without a reload. Pages below the frame read it with `useSeminarContext`.
 */
import { useFetcher, useOutletContext } from '@remix-run/react';
import { useEffect, useState } from 'react';
import type { LiveSeminarView } from '~/lib/seminar/live.server';
import { useUserEvents } from '~/lib/user-events';

export type { LiveSeminarView };

export function useLiveSeminar(courseId: string, fromLoader: LiveSeminarView | null): LiveSeminarView | null {
  const [seminar, setSeminar] = useState(fromLoader);
  const fetcher = useFetcher<{ seminar: LiveSeminarView | null }>();
  useEffect(() => setSeminar(fromLoader), [fromLoader]);
  useEffect(() => {
    if (fetcher.data) setSeminar(fetcher.data.seminar);
  }, [fetcher.data]);
  useUserEvents({ seminar: () => fetcher.load(`/c/${courseId}/seminar`) });
  return seminar;
}

/** What the course frame hands its pages (its <Outlet context>). */
export interface CourseFrameContext {
  seminar: LiveSeminarView | null;
}

export const useSeminarContext = () => useOutletContext<CourseFrameContext | undefined>()?.seminar ?? null;
